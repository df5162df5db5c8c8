FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY pyproject.toml README.md ./
COPY careerpath ./careerpath
COPY roles ./roles
COPY skills ./skills
COPY candidates ./candidates
RUN pip install --no-cache-dir .
COPY . .
RUN DEBUG=0 SECRET_KEY=build-only-not-secret-build-only-not-secret ALLOWED_HOSTS=build \
    python manage.py collectstatic --noinput
# Web, worker and beat run as an unprivileged user (beat writes its schedule under /tmp).
RUN useradd --create-home --uid 1000 careerpath
USER careerpath
EXPOSE 8000
CMD ["gunicorn", "careerpath.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
