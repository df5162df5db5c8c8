from django.apps import AppConfig


class CandidatesConfig(AppConfig):
    name = "candidates"
    verbose_name = "Recruiting"

    def ready(self) -> None:
        from candidates import services
        from roles.signals import scoring_inputs_changed

        def role_scoring_inputs_changed(
            sender: object, role_ids: list[int], **kwargs: object
        ) -> None:
            services.scores_inputs_changed(role_ids=role_ids)

        scoring_inputs_changed.connect(
            role_scoring_inputs_changed, dispatch_uid="candidates.role_scoring_inputs_changed"
        )
