"""Default e-commerce career framework, loaded by ``manage.py load_framework``.

The ladder runs E-commerce Staff -> Head of E-commerce Department -> E-commerce Manager ->
E-commerce Director -> Chief Customer Officer. Competencies are rated on a five-step scale
(1 Awareness, 2 Working, 3 Practitioner, 4 Advanced, 5 Expert); each competency carries one
observable behaviour per level. Role requirements are
``(competency slug, required level, weight, essential)`` tuples and promotion paths are
``(from role slug, to role slug, typical years, criteria)`` tuples. This module is plain data
and reads nothing at import time.
"""

from typing import Any

CATEGORIES: list[dict[str, Any]] = [
    {
        "slug": "strategy-vision",
        "name": "Strategy & vision",
        "description": (
            "Setting direction for the online business: reading the market, turning company goals "
            "into plans and weighing the financial and commercial consequences of each choice."
        ),
        "position": 1,
    },
    {
        "slug": "leadership-people",
        "name": "Leadership & people",
        "description": (
            "Guiding and growing the team, and working with colleagues, partners and suppliers to "
            "get things done across the organisation."
        ),
        "position": 2,
    },
    {
        "slug": "technology",
        "name": "Technology & platforms",
        "description": (
            "Knowing the shop platform, the site and new tools well enough to make sound decisions "
            "about them and to do hands-on work where needed."
        ),
        "position": 3,
    },
    {
        "slug": "marketing-sales",
        "name": "Marketing & sales",
        "description": (
            "Attracting shoppers and turning them into buyers through search, paid media, social "
            "channels, email, partners, brand and content, on the own store and on marketplaces."
        ),
        "position": 4,
    },
    {
        "slug": "operations-logistics",
        "name": "Operations & logistics",
        "description": (
            "Keeping the store running every day: stock, warehousing, delivery, returns and the "
            "rules that apply to trading online."
        ),
        "position": 5,
    },
    {
        "slug": "customer-experience",
        "name": "Customer experience",
        "description": (
            "Knowing who buys, what they expect and how they are served, so that first orders grow "
            "into lasting relationships."
        ),
        "position": 6,
    },
    {
        "slug": "analytics",
        "name": "Analytics & performance",
        "description": (
            "Measuring traffic, sales and marketing results, agreeing the indicators that matter "
            "and acting on what the numbers show."
        ),
        "position": 7,
    },
    {
        "slug": "personal-effectiveness",
        "name": "Personal effectiveness",
        "description": (
            "Habits and attitudes that help a person thrive in a sector that never stops changing: "
            "fresh ideas, composure under pressure, structured work and steady self-study."
        ),
        "position": 8,
    },
]

COMPETENCIES: list[dict[str, Any]] = [
    # --- strategy-vision ---
    {
        "slug": "ecommerce-strategy",
        "name": "E-commerce strategy",
        "category": "strategy-vision",
        "description": (
            "Deciding where the online business should go, which customers it serves and how it "
            "will beat competitors, in line with company goals."
        ),
        "indicators": {
            1: "Can explain in plain terms what the online store is trying to achieve this year.",
            2: (
                "Links own daily tasks to the goals of the e-commerce plan and flags work that "
                "does not fit."
            ),
            3: (
                "Drafts the channel strategy for a product range, including target audience and "
                "value proposition."
            ),
            4: (
                "Builds the full online strategy from competitor analysis and revises it when "
                "company objectives change."
            ),
            5: (
                "Sets the long-term direction of digital commerce for the company and persuades "
                "the board to invest in it."
            ),
        },
    },
    {
        "slug": "market-research-trends",
        "name": "Market research & trend foresight",
        "category": "strategy-vision",
        "description": (
            "Studying shoppers, competitors and the wider digital market to see what will sell and "
            "where demand is heading."
        ),
        "indicators": {
            1: (
                "Notices new competitors, products or shopping habits and mentions them to the "
                "team."
            ),
            2: "Gathers competitor prices, ranges and reviews in a simple, repeatable format.",
            3: (
                "Runs surveys and desk research that reveal how customers in a category like to "
                "buy online."
            ),
            4: (
                "Turns research into demand forecasts and product opportunities that shape the "
                "range."
            ),
            5: (
                "Anticipates market shifts a year or more ahead and positions the business before "
                "rivals react."
            ),
        },
    },
    {
        "slug": "strategic-planning",
        "name": "Strategic planning",
        "category": "strategy-vision",
        "description": (
            "Turning direction into SMART goals, roadmaps and timelines for the short, medium and "
            "long term."
        ),
        "indicators": {
            1: "Knows the current quarter's targets and the deadlines that apply to own work.",
            2: "Breaks a team goal into dated tasks and tracks progress against them.",
            3: "Writes a yearly channel plan with measurable targets, milestones and owners.",
            4: (
                "Produces linked short-, medium- and long-term plans and keeps them consistent as "
                "conditions change."
            ),
            5: (
                "Co-authors the company's multi-year plan and aligns each department's roadmap "
                "with the online ambitions."
            ),
        },
    },
    {
        "slug": "commercial-acumen",
        "name": "Commercial acumen",
        "category": "strategy-vision",
        "description": (
            "Recognising profitable opportunities while keeping an eye on margins, pricing and the "
            "soundness of the company's finances."
        ),
        "indicators": {
            1: "Knows the difference between revenue and margin for the products handled.",
            2: "Checks price, discount and shipping cost before proposing a promotion.",
            3: (
                "Builds a business case for a new range or channel showing expected margin and "
                "payback."
            ),
            4: "Chooses between competing opportunities on profitability and strategic fit.",
            5: "Reshapes pricing, range or the business model itself to grow profit sustainably.",
        },
    },
    {
        "slug": "budget-pnl-management",
        "name": "Budget, P&L & ROI management",
        "category": "strategy-vision",
        "description": (
            "Planning, forecasting and controlling the e-commerce budget and profit and loss, and "
            "putting money where it earns the best return."
        ),
        "indicators": {
            1: "Records spending on own activities accurately and on time.",
            2: "Tracks a small campaign budget and warns early about overspend.",
            3: (
                "Forecasts and manages the channel budget and calculates the ROI of each major "
                "activity."
            ),
            4: (
                "Owns the e-commerce P&L, moves money between channels and defends investments to "
                "finance."
            ),
            5: (
                "Sets the financial framework for digital commerce and answers to the executive "
                "team for its results."
            ),
        },
    },
    {
        "slug": "risk-management",
        "name": "Risk management",
        "category": "strategy-vision",
        "description": (
            "Spotting what could harm the online business, from outages and fraud to supplier "
            "failure or new regulation, and reducing the impact."
        ),
        "indicators": {
            1: "Reports incidents such as failed payments or site errors promptly.",
            2: "Follows agreed checklists that prevent common operational problems.",
            3: "Keeps a risk log for own area with likelihood, impact and mitigating actions.",
            4: (
                "Runs risk reviews across the department and prepares contingency plans for "
                "critical failures."
            ),
            5: (
                "Defines how much risk digital trading may carry and builds safeguards into the "
                "whole operating model."
            ),
        },
    },
    # --- leadership-people ---
    {
        "slug": "team-leadership",
        "name": "Team leadership & motivation",
        "category": "leadership-people",
        "description": (
            "Setting goals for a team, delegating sensibly, keeping people motivated and deciding "
            "promptly when problems arise."
        ),
        "indicators": {
            1: "Supports colleagues and shares the workload when the team is under pressure.",
            2: "Coordinates a small group on a task and keeps everyone clear about who does what.",
            3: "Leads a team day to day, sets individual objectives and gives regular feedback.",
            4: (
                "Leads several teams or specialists, settles conflicts and keeps morale high in "
                "hard periods."
            ),
            5: (
                "Builds a leadership culture across the department that attracts, keeps and "
                "energises strong people."
            ),
        },
    },
    {
        "slug": "people-development",
        "name": "Coaching & people development",
        "category": "leadership-people",
        "description": (
            "Growing other people's skills through mentoring, training plans and stretch "
            "assignments, including preparing internal candidates for bigger roles."
        ),
        "indicators": {
            1: "Shares useful tips and know-how with new colleagues.",
            2: "Shows a newcomer how routine tasks are done and checks their understanding.",
            3: "Agrees development plans with team members and arranges suitable courses.",
            4: (
                "Picks out high-potential staff and sponsors their training before they take on "
                "new responsibilities."
            ),
            5: (
                "Designs succession and talent programmes so most senior online roles can be "
                "filled from within."
            ),
        },
    },
    {
        "slug": "stakeholder-communication",
        "name": "Stakeholder communication",
        "category": "leadership-people",
        "description": (
            "Explaining strategy, goals and results clearly to executives, staff, partners and key "
            "customers, and earning their trust."
        ),
        "indicators": {
            1: "Gives clear, courteous written and spoken updates to colleagues.",
            2: "Presents own results in team meetings at the right level of detail.",
            3: "Prepares regular reports and presentations for managers in other departments.",
            4: (
                "Negotiates priorities with senior leaders and keeps major partners informed and "
                "supportive."
            ),
            5: (
                "Represents digital commerce to the board, investors and top partners and shapes "
                "how they see it."
            ),
        },
    },
    {
        "slug": "cross-functional-collaboration",
        "name": "Cross-functional collaboration",
        "category": "leadership-people",
        "description": (
            "Working with marketing, IT, finance, warehouse and service teams, often without "
            "formal authority, so online initiatives get the support they need."
        ),
        "indicators": {
            1: "Knows which department to contact about stock, technical or service questions.",
            2: "Works smoothly with colleagues from other teams on shared tasks.",
            3: (
                "Plans sales activity jointly with marketing and agrees hand-offs with IT and the "
                "warehouse."
            ),
            4: (
                "Builds processes that span several departments and wins their commitment without "
                "line authority."
            ),
            5: (
                "Lines up every commercial and service function in the company behind the online "
                "business."
            ),
        },
    },
    {
        "slug": "partner-vendor-negotiation",
        "name": "Partner & vendor negotiation",
        "category": "leadership-people",
        "description": (
            "Choosing and negotiating with suppliers, agencies, marketplaces and technology "
            "vendors to secure good terms and dependable service."
        ),
        "indicators": {
            1: "Keeps accurate records of contacts with suppliers and partners.",
            2: "Compares vendor quotes and summarises the differences.",
            3: (
                "Negotiates prices and service levels with suppliers and agencies within agreed "
                "limits."
            ),
            4: (
                "Selects strategic partners and agrees contracts that lower costs and open new "
                "customer groups."
            ),
            5: (
                "Shapes long-term alliances that give the company a lasting edge in cost, range or "
                "audience."
            ),
        },
    },
    # --- technology ---
    {
        "slug": "ecommerce-platforms",
        "name": "E-commerce platforms & CMS",
        "category": "technology",
        "description": (
            "Using and configuring the shop platform and content management system, with enough "
            "HTML to edit pages safely."
        ),
        "indicators": {
            1: (
                "Finds the way around the shop back office and updates product details with "
                "guidance."
            ),
            2: (
                "Publishes products, prices and banners in the CMS and makes small HTML "
                "corrections."
            ),
            3: (
                "Configures templates, extensions and payment or delivery options and writes clear "
                "requirements for developers."
            ),
            4: "Chooses and plans platform changes, integrations and upgrades together with IT.",
            5: (
                "Designs the company's commerce technology landscape and decides when to change "
                "platform."
            ),
        },
    },
    {
        "slug": "ux-site-optimisation",
        "name": "UX & site optimisation",
        "category": "technology",
        "description": (
            "Improving usability, accessibility, page speed and design on the basis of evidence, "
            "including structured A/B tests."
        ),
        "indicators": {
            1: "Reports broken links, slow pages or confusing steps noticed while using the site.",
            2: "Checks new pages on mobile and desktop before they go live.",
            3: "Runs A/B tests on pages and checkout steps and rolls out the winning versions.",
            4: "Leads an ongoing testing programme and sets targets for speed and accessibility.",
            5: (
                "Makes experiments and user research the normal basis for site changes across the "
                "business."
            ),
        },
    },
    {
        "slug": "emerging-technology",
        "name": "Emerging technology (AI, ML, AR)",
        "category": "technology",
        "description": (
            "Judging and adopting new technology such as artificial intelligence, machine learning "
            "and augmented reality where it brings an advantage."
        ),
        "indicators": {
            1: "Is aware of the new technologies being discussed in online retail.",
            2: (
                "Uses AI-based features of the platform, such as product recommendations, "
                "correctly."
            ),
            3: "Runs a small pilot of a new tool and measures its effect.",
            4: "Builds business cases for AI, ML or AR and manages their rollout.",
            5: (
                "Sets the company's innovation agenda and invests in technology ahead of "
                "competitors."
            ),
        },
    },
    # --- marketing-sales ---
    {
        "slug": "seo",
        "name": "Search engine optimisation (SEO)",
        "category": "marketing-sales",
        "description": (
            "Lifting the store's position in organic search through keyword research, content and "
            "technical improvements."
        ),
        "indicators": {
            1: "Understands why product titles and descriptions affect search ranking.",
            2: "Writes product copy around agreed keywords and completes page metadata.",
            3: "Carries out keyword research and technical audits and fixes the issues found.",
            4: (
                "Designs and runs the search strategy for the whole store and measures organic "
                "growth."
            ),
            5: "Sets search visibility policy across brands, markets and languages.",
        },
    },
    {
        "slug": "sem-paid-search",
        "name": "SEM & paid search",
        "category": "marketing-sales",
        "description": (
            "Planning and running paid search and shopping campaigns that bring direct sales at an "
            "acceptable cost."
        ),
        "indicators": {
            1: "Knows the difference between paid and organic search results.",
            2: "Updates ads and keywords in an existing campaign following instructions.",
            3: "Builds and tunes paid search campaigns against cost-per-order targets.",
            4: (
                "Sets paid media budgets and bidding approach across channels to meet acquisition "
                "cost targets."
            ),
            5: "Decides the weight of paid media in the company's overall marketing mix.",
        },
    },
    {
        "slug": "social-media-marketing",
        "name": "Social media marketing",
        "category": "marketing-sales",
        "description": "Managing the company's presence, community and selling on social networks.",
        "indicators": {
            1: "Follows the brand's social accounts and flags comments that need a reply.",
            2: "Publishes scheduled posts and answers routine questions from followers.",
            3: "Plans a content calendar and runs paid social campaigns with clear goals.",
            4: "Owns the social strategy across networks and ties it to sales and brand results.",
            5: "Uses social channels to shape brand perception and reach new markets at scale.",
        },
    },
    {
        "slug": "email-remarketing",
        "name": "Email & remarketing",
        "category": "marketing-sales",
        "description": (
            "Bringing visitors and customers back through email programmes, automated flows and "
            "remarketing ads."
        ),
        "indicators": {
            1: "Understands the consent rules for sending marketing email.",
            2: "Builds newsletters from templates and checks links and segments before sending.",
            3: (
                "Sets up automated flows, such as abandoned-basket reminders, and remarketing "
                "audiences."
            ),
            4: "Designs the lifecycle programme that raises repeat purchases and customer value.",
            5: (
                "Makes personalised, lifecycle-based contact the standard at every customer "
                "touchpoint."
            ),
        },
    },
    {
        "slug": "affiliate-programmes",
        "name": "Affiliate programmes",
        "category": "marketing-sales",
        "description": (
            "Recruiting and managing affiliates and partner publishers who are paid for the sales "
            "they bring."
        ),
        "indicators": {
            1: "Knows what an affiliate is and how commission works.",
            2: "Sends creative material and tracking links to existing affiliates.",
            3: "Recruits new affiliates, sets commission rules and checks for fraudulent traffic.",
            4: "Shapes the affiliate model and its place in the acquisition mix.",
            5: "Builds a partner network that becomes a large, profitable sales channel.",
        },
    },
    {
        "slug": "online-branding",
        "name": "Online branding",
        "category": "marketing-sales",
        "description": (
            "Designing and protecting how the brand looks, sounds and is perceived in every "
            "digital channel."
        ),
        "indicators": {
            1: "Applies the brand guidelines correctly in own work.",
            2: "Spots off-brand content on the site or in channels and corrects it.",
            3: (
                "Designs and runs a branding plan for the online store that suits the target "
                "audience."
            ),
            4: "Ensures the site and campaigns speak consistently to the intended audience.",
            5: "Defines the brand's digital positioning and guards it at executive level.",
        },
    },
    {
        "slug": "content-marketing",
        "name": "Content creation & management",
        "category": "marketing-sales",
        "description": (
            "Producing and curating product information, photography, copy and editorial content "
            "that informs and persuades shoppers."
        ),
        "indicators": {
            1: "Checks product information for errors and missing details.",
            2: "Writes clear product descriptions and organises photo shoots for new items.",
            3: "Runs the content calendar and the production of images, copy and video.",
            4: "Sets content standards and measures how content affects conversion and search.",
            5: "Builds a content model that scales across ranges, markets and channels.",
        },
    },
    {
        "slug": "marketplace-channel-sales",
        "name": "Marketplace & channel sales",
        "category": "marketing-sales",
        "description": (
            "Selling directly through the company's own site and app and indirectly through "
            "marketplaces, portals and social commerce."
        ),
        "indicators": {
            1: "Knows which online channels the company sells through.",
            2: "Keeps listings, stock and prices current on marketplaces.",
            3: "Manages sales results on one channel and adjusts ranges and promotions.",
            4: (
                "Runs every online sales channel day to day and plans channel sales together with "
                "marketing."
            ),
            5: (
                "Decides which channels and marketplaces the company enters or leaves and how they "
                "fit together."
            ),
        },
    },
    # --- operations-logistics ---
    {
        "slug": "ecommerce-operations",
        "name": "Web store operations",
        "category": "operations-logistics",
        "description": (
            "Keeping the online store available, accurate and easy to buy from every day, from "
            "orders and payments to promotions going live."
        ),
        "indicators": {
            1: "Processes orders and checks their status in the back office.",
            2: "Handles order exceptions, payment issues and simple returns without help.",
            3: (
                "Runs daily store routines and the trading calendar and fixes operational problems "
                "quickly."
            ),
            4: (
                "Controls the complete online trading cycle, from buying through delivery to "
                "service and content."
            ),
            5: "Designs the operating model of the online business and scales it to new markets.",
        },
    },
    {
        "slug": "inventory-supply-chain",
        "name": "Inventory & supply chain",
        "category": "operations-logistics",
        "description": (
            "Choosing which products to buy and in what quantities, keeping stock balanced and "
            "working with suppliers so products are available without excess."
        ),
        "indicators": {
            1: "Understands how stock levels show on the site and why sold-out items matter.",
            2: "Watches stock for own products and flags items that are running low or piling up.",
            3: (
                "Plans replenishment from sales forecasts and keeps stock figures aligned across "
                "channels."
            ),
            4: (
                "Optimises the supply chain with logistics software and live inventory data shared "
                "with partners."
            ),
            5: "Turns supply chain design into a competitive advantage for the online business.",
        },
    },
    {
        "slug": "logistics-fulfilment",
        "name": "Logistics & fulfilment",
        "category": "operations-logistics",
        "description": (
            "Organising warehousing, picking, shipping, delivery and returns so orders arrive "
            "quickly at a reasonable cost."
        ),
        "indicators": {
            1: "Knows the delivery options offered to customers and their lead times.",
            2: "Tracks shipments and settles simple delivery queries with carriers.",
            3: "Organises fulfilment and returns processes and measures delivery performance.",
            4: (
                "Negotiates logistics contracts and redesigns the network to cut cost and delivery "
                "time."
            ),
            5: (
                "Sets the fulfilment strategy for the business, such as own warehouses versus "
                "outsourcing."
            ),
        },
    },
    {
        "slug": "legal-policy-compliance",
        "name": "Online legal & policy awareness",
        "category": "operations-logistics",
        "description": (
            "Knowing and applying the rules for trading online, including consumer rights, data "
            "protection, payments and platform policies."
        ),
        "indicators": {
            1: "Knows that online sales are covered by specific consumer and privacy rules.",
            2: (
                "Applies the company's terms, returns policy and privacy notice correctly in daily "
                "work."
            ),
            3: (
                "Checks campaigns, pages and data use against current regulation and marketplace "
                "policies."
            ),
            4: (
                "Works with legal advisers to update policies and close compliance gaps in the "
                "department."
            ),
            5: "Anticipates regulatory change and helps shape industry standards for online trade.",
        },
    },
    # --- customer-experience ---
    {
        "slug": "customer-centricity",
        "name": "Customer-centricity",
        "category": "customer-experience",
        "description": (
            "Putting customers' needs at the heart of decisions and improving the whole customer "
            "journey across channels."
        ),
        "indicators": {
            1: "Treats customer feedback as important and passes it on.",
            2: "Considers the effect on customers when carrying out own tasks.",
            3: "Maps the customer journey to remove friction in one part of the experience.",
            4: "Guarantees the same quality of service in every channel a shopper moves through.",
            5: (
                "Makes customer experience the organising principle of company strategy and "
                "culture."
            ),
        },
    },
    {
        "slug": "customer-insight",
        "name": "Customer insight",
        "category": "customer-experience",
        "description": (
            "Understanding who the buyers are, what motivates them and how they behave online."
        ),
        "indicators": {
            1: "Can describe the company's typical customer.",
            2: "Collects customer comments and reviews and summarises recurring themes.",
            3: "Builds customer segments and personas from data and research.",
            4: "Turns customer insight into decisions about range, pricing and messaging.",
            5: (
                "Creates an insight capability that informs every executive decision about "
                "customers."
            ),
        },
    },
    {
        "slug": "customer-service",
        "name": "Customer service & support",
        "category": "customer-experience",
        "description": (
            "Answering enquiries, solving problems quickly and anticipating concerns so that "
            "customers stay loyal."
        ),
        "indicators": {
            1: "Answers common customer questions politely using prepared replies.",
            2: "Resolves order, return and complaint cases independently within policy.",
            3: "Handles escalated cases and improves service scripts and help content.",
            4: "Sets service standards, staffing and tools for all online contact channels.",
            5: "Builds a service model that becomes a reason customers choose the company.",
        },
    },
    {
        "slug": "customer-retention",
        "name": "Customer loyalty & retention",
        "category": "customer-experience",
        "description": (
            "Turning first-time buyers into repeat customers and raising their lifetime value."
        ),
        "indicators": {
            1: "Understands why keeping customers costs less than winning new ones.",
            2: "Helps run loyalty offers and collects the data they depend on.",
            3: "Designs retention campaigns and measures repeat purchase rate and CLTV.",
            4: "Balances spending between acquisition and retention using customer lifetime value.",
            5: "Sets the loyalty strategy across all brands and touchpoints at executive level.",
        },
    },
    # --- analytics ---
    {
        "slug": "web-analytics",
        "name": "Web analytics",
        "category": "analytics",
        "description": (
            "Measuring traffic, sources, behaviour and conversions with analytics tools to see how "
            "visitors use the store."
        ),
        "indicators": {
            1: "Reads basic figures such as visits and orders from a dashboard.",
            2: "Builds simple reports of traffic by source and by page.",
            3: "Configures tracking and goals and analyses visitor behaviour to find problems.",
            4: "Designs the measurement plan and attribution approach for all channels.",
            5: "Sets analytics standards and data governance for the company.",
        },
    },
    {
        "slug": "kpi-reporting",
        "name": "KPI definition & reporting",
        "category": "analytics",
        "description": (
            "Choosing the indicators that matter, such as conversion rate, CAC, AOV, CLTV and ROI, "
            "setting targets and reporting progress."
        ),
        "indicators": {
            1: "Knows what the main e-commerce indicators mean.",
            2: "Collects weekly figures for agreed KPIs and notices large changes.",
            3: (
                "Reports conversion rate, CAC, AOV and ROI for a channel and explains what drives "
                "them."
            ),
            4: (
                "Defines the KPI set and targets for the online business and holds the team to "
                "them."
            ),
            5: "Aligns online KPIs with company-wide objectives and reports them to the board.",
        },
    },
    {
        "slug": "data-driven-decisions",
        "name": "Data-driven decision making",
        "category": "analytics",
        "description": (
            "Interpreting data, recognising trends and basing decisions on evidence rather than "
            "opinion."
        ),
        "indicators": {
            1: "Checks the facts before acting on an assumption.",
            2: "Backs up suggestions with simple data.",
            3: "Compares options with data and sets up tests to settle disagreements.",
            4: "Makes major budget and channel decisions from analysis and forecasts.",
            5: (
                "Builds a culture in which every significant decision is expected to rest on "
                "evidence."
            ),
        },
    },
    {
        "slug": "conversion-funnel-management",
        "name": "Conversion funnel management",
        "category": "analytics",
        "description": (
            "Managing each step from first visit to purchase and repeat order in order to raise "
            "conversion."
        ),
        "indicators": {
            1: "Understands the steps a visitor goes through before buying.",
            2: "Notices where visitors drop out of the checkout and reports it.",
            3: "Analyses funnel drop-off and fixes the weakest steps.",
            4: (
                "Owns the acquisition, conversion and loyalty plans that move customers through "
                "the whole funnel."
            ),
            5: (
                "Redesigns the full purchase journey across channels to reach leading conversion "
                "levels."
            ),
        },
    },
    # --- personal-effectiveness ---
    {
        "slug": "creativity-innovation",
        "name": "Creativity & innovation",
        "category": "personal-effectiveness",
        "description": (
            "Generating and testing new ideas that set the store apart from competitors and draw "
            "in more customers."
        ),
        "indicators": {
            1: "Suggests small improvements to own work.",
            2: "Brings fresh ideas for promotions, content or processes.",
            3: "Turns ideas into pilots and judges them on their results.",
            4: "Creates an environment where the team regularly proposes and tests new concepts.",
            5: "Leads innovation that changes how the company competes online.",
        },
    },
    {
        "slug": "adaptability-resilience",
        "name": "Adaptability & resilience",
        "category": "personal-effectiveness",
        "description": (
            "Staying effective when technology, markets or plans change, and recovering quickly "
            "from setbacks."
        ),
        "indicators": {
            1: "Accepts changes to routines without losing quality.",
            2: "Adjusts quickly to new tools and procedures.",
            3: "Keeps the team productive through disruption and learns from failures.",
            4: "Leads the department through major change while holding performance steady.",
            5: "Steers the organisation through market shocks and turns them into opportunities.",
        },
    },
    {
        "slug": "problem-solving",
        "name": "Problem solving",
        "category": "personal-effectiveness",
        "description": (
            "Finding the cause of a problem quickly and choosing a practical fix in a fast-moving "
            "environment."
        ),
        "indicators": {
            1: "Describes a problem clearly when asking for help.",
            2: "Solves routine problems independently using known fixes.",
            3: "Analyses the root causes of recurring issues and puts lasting fixes in place.",
            4: "Resolves complex problems that span several teams or systems.",
            5: "Foresees systemic problems and redesigns processes to prevent them.",
        },
    },
    {
        "slug": "organisation-prioritisation",
        "name": "Organisation & prioritisation",
        "category": "personal-effectiveness",
        "description": (
            "Planning work, setting priorities and keeping many moving parts under control."
        ),
        "indicators": {
            1: "Keeps a task list and meets agreed deadlines.",
            2: "Ranks own tasks by urgency and impact.",
            3: (
                "Organises the team's workload and keeps a clear overview of every stage of the "
                "work."
            ),
            4: (
                "Balances competing priorities across the department and allocates resources to "
                "match."
            ),
            5: "Sets organisation-wide priorities and makes sure effort goes where it counts most.",
        },
    },
    {
        "slug": "continuous-learning",
        "name": "Continuous learning",
        "category": "personal-effectiveness",
        "description": (
            "Keeping knowledge current through courses, reading, events and a network of peers and "
            "experts."
        ),
        "indicators": {
            1: "Completes the training the company offers.",
            2: "Follows industry news and applies what is learned at work.",
            3: "Pursues courses or certificates and shares the learning with the team.",
            4: (
                "Builds a network of experts inside and outside the sector and attends industry "
                "conferences."
            ),
            5: "Is recognised as a thought leader who shapes how others in the sector learn.",
        },
    },
]

ROLES: list[dict[str, Any]] = [
    {
        "slug": "ecommerce-staff",
        "title": "E-commerce Staff",
        "level": "staff",
        "summary": (
            "Entry-level member of the online team who keeps the store's daily work moving: "
            "product listings, orders, simple customer questions and basic channel tasks. This is "
            "where newcomers learn how online trading works from the inside."
        ),
        "responsibilities": [
            (
                "Upload and maintain product listings, prices and images on the site and on "
                "marketplaces."
            ),
            "Process orders, returns and exchanges and follow up on exceptions.",
            "Answer routine customer questions by chat, email and phone.",
            "Publish the social posts, newsletters and banners prepared by the team.",
            "Watch stock levels for assigned products and report shortages.",
            "Collect weekly traffic and sales figures for team reports.",
            "Pass site errors and customer complaints to the right colleague.",
        ],
        "kpis": [
            (
                "Listing accuracy: share of assigned products that are live with correct price, "
                "stock and content."
            ),
            (
                "Order handling time: average time taken to process the orders and returns "
                "assigned to them."
            ),
            (
                "First response time: speed and quality of first replies to routine customer "
                "enquiries."
            ),
            (
                "Conversion rate: supports it through accurate, complete product pages, without "
                "owning the figure."
            ),
        ],
        "qualifications": [
            (
                "College diploma, or a bachelor's degree in foreign trade, economics, business "
                "administration or a related field completed or in progress."
            ),
            "Comfort with web tools, spreadsheets and basic office software.",
            "A short introductory course such as Getting your business online is an advantage.",
        ],
        "min_years_experience": 0,
        "requirements": [
            ("ecommerce-platforms", 2, 4, True),
            ("ecommerce-operations", 2, 3, True),
            ("customer-service", 2, 3, True),
            ("web-analytics", 1, 2, False),
            ("seo", 1, 2, False),
            ("social-media-marketing", 2, 2, False),
            ("email-remarketing", 1, 2, False),
            ("content-marketing", 2, 2, False),
            ("marketplace-channel-sales", 1, 2, False),
            ("customer-centricity", 2, 3, False),
            ("organisation-prioritisation", 2, 3, False),
            ("problem-solving", 1, 2, False),
            ("continuous-learning", 2, 3, False),
            ("cross-functional-collaboration", 1, 2, False),
        ],
    },
    {
        "slug": "head-of-ecommerce",
        "title": "Head of E-commerce Department",
        "level": "head_of_department",
        "summary": (
            "First-line leader of the e-commerce unit who organises the staff, keeps store "
            "operations on schedule and reports team performance upwards. The role adds "
            "responsibility for people to solid hands-on knowledge of the platform and channels."
        ),
        "responsibilities": [
            (
                "Lead and schedule the e-commerce staff, assigning daily tasks and checking the "
                "quality of their work."
            ),
            "Coach new team members and plan their first training.",
            "Keep the store, listings and promotions running to the trading calendar.",
            "Sort out stock, delivery and returns issues with the warehouse and carriers.",
            "Handle escalated customer complaints and improve service routines.",
            "Prepare weekly KPI reports and explain the changes to the E-commerce Manager.",
            "Make sure listings, terms and customer messages respect the rules for online trading.",
        ],
        "kpis": [
            (
                "Conversion rate: tracks it weekly and fixes listing or checkout issues that drag "
                "it down."
            ),
            "Order fulfilment rate: share of orders shipped complete and on time.",
            "Customer satisfaction: ratings and complaint volumes for the team's service channels.",
            "Team delivery: share of planned weekly tasks completed on schedule.",
        ],
        "qualifications": [
            (
                "Bachelor's degree in economics, business administration or foreign trade, or "
                "equivalent experience."
            ),
            "Around two years in an e-commerce staff role.",
            (
                "A diploma such as the Diploma in E-business or the Diploma in building an online "
                "business is a plus."
            ),
        ],
        "min_years_experience": 2,
        "requirements": [
            ("team-leadership", 2, 4, True),
            ("ecommerce-operations", 3, 4, True),
            ("kpi-reporting", 2, 3, True),
            ("ecommerce-platforms", 3, 3, False),
            ("customer-service", 3, 3, False),
            ("web-analytics", 2, 3, False),
            ("seo", 2, 2, False),
            ("social-media-marketing", 2, 2, False),
            ("email-remarketing", 2, 2, False),
            ("content-marketing", 2, 2, False),
            ("marketplace-channel-sales", 2, 3, False),
            ("inventory-supply-chain", 2, 2, False),
            ("logistics-fulfilment", 2, 2, False),
            ("legal-policy-compliance", 2, 2, False),
            ("organisation-prioritisation", 3, 4, False),
            ("problem-solving", 2, 3, False),
            ("cross-functional-collaboration", 2, 3, False),
            ("customer-centricity", 2, 3, False),
            ("customer-insight", 2, 2, False),
            ("people-development", 2, 2, False),
        ],
    },
    {
        "slug": "ecommerce-manager",
        "title": "E-commerce Manager",
        "level": "manager",
        "summary": (
            "Sales-minded owner of the company's online channels: web store, app, marketplaces and "
            "social networks. Runs these channels every day, plans sales jointly with marketing, "
            "and connects marketing, IT and site development so the store earns revenue and profit."
        ),
        "responsibilities": [
            (
                "Manage every direct and indirect online sales channel, including own site, app, "
                "marketplaces and social networks, on a daily basis."
            ),
            "Plan online sales and campaigns together with the marketing department.",
            (
                "Oversee SEO, paid search, social media, email, remarketing and affiliate "
                "activity, and build a team of channel specialists."
            ),
            (
                "Run the CMS and site content with basic HTML, and use A/B tests to improve "
                "usability and speed."
            ),
            "Manage the conversion funnel through plans for acquisition, conversion and loyalty.",
            "Define channel KPIs, follow them in analytics and report the results.",
            "Plan, forecast and control the e-commerce channel budget.",
            (
                "Choose and manage agencies, suppliers and partners, and organise logistics with "
                "operations."
            ),
            "Develop and carry out the online branding plan.",
        ],
        "kpis": [
            (
                "Conversion rate: owns site and channel conversion and the funnel work that "
                "improves it."
            ),
            (
                "Customer acquisition cost (CAC): keeps the cost of winning a customer within "
                "target on each channel by tuning campaigns."
            ),
            (
                "Average order value (AOV): grows basket size through merchandising, bundles and "
                "cross-selling."
            ),
            (
                "Customer lifetime value (CLTV): lifts repeat buying with email, remarketing and "
                "loyalty actions."
            ),
            (
                "Return on investment (ROI): gets the best possible return from channel and "
                "campaign spend."
            ),
            "Online revenue: delivers the channel sales plan agreed with marketing.",
        ],
        "qualifications": [
            "Bachelor's degree in foreign trade, economics or business administration.",
            (
                "Professional diploma or certificates in e-business, online selling or digital "
                "marketing; a master's in e-commerce is an advantage."
            ),
            "About four years of e-commerce experience, including coordinating a team.",
        ],
        "min_years_experience": 4,
        "requirements": [
            ("marketplace-channel-sales", 4, 5, True),
            ("conversion-funnel-management", 4, 5, True),
            ("kpi-reporting", 4, 4, True),
            ("cross-functional-collaboration", 3, 4, True),
            ("web-analytics", 4, 4, False),
            ("seo", 4, 3, False),
            ("sem-paid-search", 4, 3, False),
            ("social-media-marketing", 4, 3, False),
            ("email-remarketing", 4, 3, False),
            ("ecommerce-platforms", 4, 4, False),
            ("ux-site-optimisation", 3, 3, False),
            ("affiliate-programmes", 3, 2, False),
            ("online-branding", 3, 3, False),
            ("team-leadership", 3, 4, False),
            ("budget-pnl-management", 3, 3, False),
            ("ecommerce-strategy", 3, 3, False),
            ("partner-vendor-negotiation", 3, 3, False),
            ("logistics-fulfilment", 3, 2, False),
            ("customer-centricity", 3, 3, False),
            ("customer-retention", 3, 3, False),
        ],
    },
    {
        "slug": "ecommerce-director",
        "title": "E-commerce Director",
        "level": "director",
        "summary": (
            "Senior leader who runs e-commerce as a business unit and works with the Chief "
            "Customer Officer to turn the customer vision into short-, medium- and long-term "
            "online strategy. Owns the department, its budget, its risks and its results, and "
            "oversees the whole online trading cycle."
        ),
        "responsibilities": [
            (
                "Shape the short-, medium- and long-term e-commerce strategy together with the "
                "Chief Customer Officer."
            ),
            (
                "Lead the entire e-commerce department and its managers, setting objectives and "
                "building capability."
            ),
            (
                "Own the e-commerce budget and P&L, direct resources to the best return and "
                "justify investments to the executive team."
            ),
            "Identify, assess and reduce the risks facing the online business.",
            (
                "Control the full online business cycle: purchasing, warehouse and transport "
                "logistics, site and app development, online marketing, customer service, product "
                "photography and content."
            ),
            "Negotiate with key partners and suppliers and widen the company's customer base.",
            (
                "Judge department results against KPIs and correct course so the site runs "
                "reliably, on time and at maximum profit."
            ),
            "Win the backing of every commercial and service department for online initiatives.",
            "Scan new technologies and market trends and decide which ones to adopt.",
        ],
        "kpis": [
            (
                "Conversion rate: sets the department-wide target and answers for it to the "
                "executive team."
            ),
            (
                "Customer acquisition cost (CAC): decides acquisition budgets so CAC stays well "
                "below what customers are worth."
            ),
            "Average order value (AOV): sets pricing, range and promotion policies that lift AOV.",
            (
                "Customer lifetime value (CLTV): steers the balance between acquisition and "
                "retention using CLTV."
            ),
            (
                "Return on investment (ROI): accountable for the overall return on the e-commerce "
                "budget."
            ),
            "E-commerce profit: owns the P&L result of the online business unit.",
            "Online share of sales: grows the portion of company revenue earned online.",
        ],
        "qualifications": [
            "Bachelor's degree in foreign trade, economics or business administration.",
            "Master's degree in e-commerce or comparable advanced management training.",
            (
                "Seven or more years in e-commerce, including several years managing online "
                "channels and teams."
            ),
            "Proven record of running budgets and projects that cut across departments.",
        ],
        "min_years_experience": 7,
        "requirements": [
            ("ecommerce-strategy", 5, 5, True),
            ("strategic-planning", 5, 5, True),
            ("risk-management", 5, 4, True),
            ("budget-pnl-management", 5, 5, True),
            ("team-leadership", 5, 5, True),
            ("stakeholder-communication", 5, 4, False),
            ("kpi-reporting", 5, 4, False),
            ("market-research-trends", 4, 4, False),
            ("commercial-acumen", 4, 4, False),
            ("data-driven-decisions", 5, 5, True),
            ("conversion-funnel-management", 5, 5, True),
            ("customer-centricity", 4, 4, True),
            ("web-analytics", 4, 4, False),
            ("customer-retention", 4, 4, False),
            ("ux-site-optimisation", 4, 3, False),
            ("marketplace-channel-sales", 4, 3, False),
            ("online-branding", 4, 3, False),
            ("seo", 4, 2, False),
            ("sem-paid-search", 4, 2, False),
            ("social-media-marketing", 4, 2, False),
            ("email-remarketing", 4, 2, False),
            ("affiliate-programmes", 3, 2, False),
            ("partner-vendor-negotiation", 4, 4, False),
            ("cross-functional-collaboration", 4, 4, False),
            ("inventory-supply-chain", 4, 3, False),
            ("logistics-fulfilment", 4, 3, False),
            ("ecommerce-operations", 4, 3, False),
            ("customer-service", 4, 3, False),
            ("ecommerce-platforms", 4, 2, False),
            ("legal-policy-compliance", 4, 3, False),
            ("creativity-innovation", 4, 3, False),
            ("emerging-technology", 3, 3, False),
        ],
    },
    {
        "slug": "chief-customer-officer",
        "title": "Chief Customer Officer",
        "level": "cco",
        "summary": (
            "Executive who owns the customer relationship for the whole company, with the "
            "E-commerce Director reporting in. Sets the customer vision that online strategy puts "
            "into practice and makes sure every channel delivers a consistent, valuable experience."
        ),
        "responsibilities": [
            (
                "Set the company-wide customer vision and strategy and translate it into "
                "priorities for the digital business."
            ),
            "Guide the E-commerce Director in building short-, medium- and long-term online plans.",
            "Own customer experience, service and loyalty across all online and offline channels.",
            "Speak for the customer on the executive board and in major investment decisions.",
            (
                "Build an insight function that explains who customers are and how their needs are "
                "shifting."
            ),
            (
                "Develop the next generation of digital and customer leaders, favouring internal "
                "talent where it is ready."
            ),
            "Sponsor innovation in customer-facing technology, such as AI-driven personalisation.",
        ],
        "kpis": [
            (
                "Customer lifetime value (CLTV): grows the value of the customer base across every "
                "channel."
            ),
            (
                "Customer satisfaction and Net Promoter Score: owns company-wide satisfaction and "
                "advocacy results."
            ),
            "Retention rate: answers for the share of customers who keep buying.",
            (
                "Customer acquisition cost (CAC): sets the ceiling on what the company spends to "
                "win a customer."
            ),
            (
                "Return on investment (ROI): approves customer-related investments against their "
                "expected return."
            ),
        ],
        "qualifications": [
            (
                "Bachelor's degree in economics, business administration or foreign trade; a "
                "master's degree is common."
            ),
            (
                "Eleven or more years of experience, including a senior e-commerce or customer "
                "leadership post such as E-commerce Director."
            ),
            "A sustained record of high performance at director level.",
        ],
        "min_years_experience": 11,
        "requirements": [
            ("customer-centricity", 5, 5, True),
            ("customer-retention", 5, 4, True),
            ("ecommerce-strategy", 5, 5, True),
            ("stakeholder-communication", 5, 5, True),
            ("customer-insight", 5, 4, False),
            ("strategic-planning", 5, 4, False),
            ("team-leadership", 5, 4, False),
            ("budget-pnl-management", 5, 4, False),
            ("risk-management", 5, 3, False),
            ("commercial-acumen", 5, 4, False),
            ("market-research-trends", 5, 3, False),
            ("kpi-reporting", 5, 3, False),
            ("data-driven-decisions", 5, 5, True),
            ("conversion-funnel-management", 5, 4, False),
            ("web-analytics", 5, 4, False),
            ("cross-functional-collaboration", 5, 4, False),
            ("people-development", 5, 4, False),
            ("partner-vendor-negotiation", 5, 3, False),
            ("ux-site-optimisation", 4, 3, False),
            ("marketplace-channel-sales", 4, 3, False),
            ("ecommerce-operations", 4, 2, False),
            ("ecommerce-platforms", 4, 2, False),
            ("legal-policy-compliance", 4, 3, False),
            ("logistics-fulfilment", 4, 2, False),
            ("customer-service", 4, 3, False),
            ("online-branding", 4, 3, False),
            ("emerging-technology", 4, 3, False),
            ("creativity-innovation", 4, 3, False),
            ("adaptability-resilience", 4, 3, False),
            ("continuous-learning", 4, 2, False),
        ],
    },
]

PROMOTION_PATHS: list[tuple[str, str, int, str]] = [
    (
        "ecommerce-staff",
        "head-of-ecommerce",
        2,
        (
            "Has handled the full range of store tasks reliably for about two years, solves "
            "routine problems alone, understands the channel's basic KPIs and shows the "
            "organisation and team spirit needed to coordinate others."
        ),
    ),
    (
        "head-of-ecommerce",
        "ecommerce-manager",
        2,
        (
            "Leads the team well, reports KPIs accurately and has hands-on experience of search, "
            "social, email and marketplaces. When the company weighs an external hire (experienced "
            "but costly and slow to learn the business) against an insider (loyal and familiar "
            "with the company but new to the job), a middle route works well: put a promising "
            "in-house candidate through structured training in online selling and digital "
            "marketing before they take over the channels, so they avoid costly beginner mistakes."
        ),
    ),
    (
        "ecommerce-manager",
        "ecommerce-director",
        3,
        (
            "Has hit channel targets for conversion rate, CAC, AOV, CLTV and ROI over several "
            "years, managed a budget and agencies, and shown the strategic thinking, risk "
            "awareness and board-level communication needed to run the whole department and the "
            "full online trading cycle."
        ),
    ),
    (
        "ecommerce-director",
        "chief-customer-officer",
        4,
        (
            "Has performed at a high level as director over a long period, turned the customer "
            "vision into profitable online strategy and earned the board's trust to own the "
            "customer relationship across every channel."
        ),
    ),
]

LEARNING_RESOURCES: list[dict[str, Any]] = [
    {
        "slug": "bachelor-foreign-trade",
        "title": "Bachelor's degree in Foreign Trade",
        "kind": "degree",
        "provider": "University",
        "duration_weeks": 208,
        "description": (
            "Four-year undergraduate programme on international trade, import and export, "
            "contracts and transport, a strong base for cross-border selling and supplier work."
        ),
        "competencies": [
            "market-research-trends",
            "commercial-acumen",
            "partner-vendor-negotiation",
            "inventory-supply-chain",
            "logistics-fulfilment",
            "legal-policy-compliance",
        ],
    },
    {
        "slug": "bachelor-economics",
        "title": "Bachelor's degree in Economics",
        "kind": "degree",
        "provider": "University",
        "duration_weeks": 208,
        "description": (
            "Undergraduate study of markets, pricing, finance and statistics that underpins "
            "forecasting, budgeting and commercial judgement."
        ),
        "competencies": [
            "market-research-trends",
            "commercial-acumen",
            "budget-pnl-management",
            "data-driven-decisions",
            "strategic-planning",
            "risk-management",
        ],
    },
    {
        "slug": "bachelor-business-administration",
        "title": "Bachelor's degree in Business Administration",
        "kind": "degree",
        "provider": "University",
        "duration_weeks": 208,
        "description": (
            "Broad management degree covering strategy, accounting, organisation and people "
            "management."
        ),
        "competencies": [
            "strategic-planning",
            "team-leadership",
            "budget-pnl-management",
            "stakeholder-communication",
            "cross-functional-collaboration",
            "organisation-prioritisation",
            "problem-solving",
        ],
    },
    {
        "slug": "diploma-building-online-business",
        "title": "Diploma in building an online business",
        "kind": "diploma",
        "provider": "Accredited training provider",
        "duration_weeks": 26,
        "description": (
            "Practical programme that takes learners from a business idea to a working online "
            "store, covering platform choice, branding, fulfilment and the legal basics."
        ),
        "competencies": [
            "ecommerce-strategy",
            "ecommerce-platforms",
            "ecommerce-operations",
            "online-branding",
            "logistics-fulfilment",
            "legal-policy-compliance",
            "creativity-innovation",
        ],
    },
    {
        "slug": "diploma-e-business",
        "title": "Diploma in E-business",
        "kind": "diploma",
        "provider": "University or accredited training provider",
        "duration_weeks": 26,
        "description": (
            "Covers digital business models, commerce technology, online sales channels and the "
            "particular risks of trading on the internet."
        ),
        "competencies": [
            "ecommerce-strategy",
            "ecommerce-platforms",
            "commercial-acumen",
            "marketplace-channel-sales",
            "risk-management",
            "emerging-technology",
        ],
    },
    {
        "slug": "course-online-customer-communication",
        "title": "E-commerce fundamentals of online customer communication",
        "kind": "course",
        "provider": "Online learning platform",
        "duration_weeks": 6,
        "description": (
            "Short course on talking to customers through digital channels, from service replies "
            "to email and content that builds loyalty."
        ),
        "competencies": [
            "customer-service",
            "customer-centricity",
            "customer-insight",
            "customer-retention",
            "email-remarketing",
            "content-marketing",
        ],
    },
    {
        "slug": "course-getting-business-online",
        "title": "Getting your business online",
        "kind": "course",
        "provider": "Online learning platform",
        "duration_weeks": 4,
        "description": (
            "Introductory course on setting up a web presence, being found in search and using "
            "social networks to reach the first customers."
        ),
        "competencies": [
            "ecommerce-platforms",
            "seo",
            "social-media-marketing",
            "ux-site-optimisation",
        ],
    },
    {
        "slug": "course-ecommerce-selling-online",
        "title": "E-commerce and selling online",
        "kind": "course",
        "provider": "Accredited training provider",
        "duration_weeks": 8,
        "description": (
            "Course on growing online sales through marketplaces, paid search, affiliates and "
            "follow-up campaigns, with attention to each step of the funnel."
        ),
        "competencies": [
            "marketplace-channel-sales",
            "conversion-funnel-management",
            "sem-paid-search",
            "affiliate-programmes",
            "email-remarketing",
            "customer-retention",
        ],
    },
    {
        "slug": "course-ecommerce-general",
        "title": "E-commerce (general course)",
        "kind": "course",
        "provider": "Accredited training provider",
        "duration_weeks": 10,
        "description": (
            "General overview of how an online shop works day to day, from the platform and stock "
            "to delivery, service and the basic performance figures."
        ),
        "competencies": [
            "ecommerce-operations",
            "ecommerce-platforms",
            "inventory-supply-chain",
            "logistics-fulfilment",
            "customer-service",
            "kpi-reporting",
        ],
    },
    {
        "slug": "master-ecommerce",
        "title": "Master in e-commerce",
        "kind": "degree",
        "provider": "University or business school",
        "duration_weeks": 156,
        "description": (
            "Postgraduate degree, usually taken part-time alongside work, on leading an online "
            "business: strategy, finance, analytics, risk and team management."
        ),
        "competencies": [
            "ecommerce-strategy",
            "strategic-planning",
            "budget-pnl-management",
            "kpi-reporting",
            "data-driven-decisions",
            "risk-management",
            "team-leadership",
            "emerging-technology",
        ],
    },
    {
        "slug": "certificate-web-analytics",
        "title": "Web analytics certificate",
        "kind": "certificate",
        "provider": "Professional certification body",
        "duration_weeks": 6,
        "description": (
            "Hands-on certificate in tracking visitors, reading conversion data and turning "
            "findings into site and campaign improvements."
        ),
        "competencies": [
            "web-analytics",
            "kpi-reporting",
            "data-driven-decisions",
            "conversion-funnel-management",
            "ux-site-optimisation",
        ],
    },
    {
        "slug": "certificate-digital-marketing",
        "title": "Digital marketing certificate",
        "kind": "certificate",
        "provider": "Professional certification body",
        "duration_weeks": 8,
        "description": (
            "Practical certificate across the main online marketing channels and the brand and "
            "content work that supports them."
        ),
        "competencies": [
            "seo",
            "sem-paid-search",
            "social-media-marketing",
            "content-marketing",
            "online-branding",
            "email-remarketing",
        ],
    },
    {
        "slug": "certificate-ecommerce-leadership",
        "title": "Leading e-commerce teams certificate",
        "kind": "certificate",
        "provider": "Business school",
        "duration_weeks": 6,
        "description": (
            "Short management programme for new team leaders on motivating people, coaching, "
            "working across departments and negotiating with partners."
        ),
        "competencies": [
            "team-leadership",
            "people-development",
            "stakeholder-communication",
            "cross-functional-collaboration",
            "partner-vendor-negotiation",
        ],
    },
    {
        "slug": "certificate-ecommerce-strategy-finance",
        "title": "E-commerce strategy and finance certificate",
        "kind": "certificate",
        "provider": "Business school (executive education)",
        "duration_weeks": 12,
        "description": (
            "Part-time programme for managers moving into department leadership: reading markets "
            "and trends, building a multi-year online plan, owning a budget and P&L, and weighing "
            "the risks of each investment."
        ),
        "competencies": [
            "market-research-trends",
            "strategic-planning",
            "ecommerce-strategy",
            "budget-pnl-management",
            "risk-management",
        ],
    },
    {
        "slug": "executive-programme-digital-commerce",
        "title": "Executive programme in digital commerce leadership",
        "kind": "diploma",
        "provider": "Business school",
        "duration_weeks": 26,
        "description": (
            "Part-time programme for senior leaders who run, or are about to run, a whole online "
            "business: strategy and the board, the P&L, leading leaders, and putting the "
            "customer and the data at the centre of every decision. Taught through live cases "
            "and a strategy project on the participant's own business."
        ),
        "competencies": {
            "ecommerce-strategy": 5,
            "strategic-planning": 5,
            "budget-pnl-management": 5,
            "stakeholder-communication": 5,
            "team-leadership": 5,
            "customer-centricity": 5,
            "data-driven-decisions": 5,
            "risk-management": 4,
        },
    },
    {
        "slug": "certificate-advanced-analytics-conversion",
        "title": "Advanced analytics and conversion optimisation certificate",
        "kind": "certificate",
        "provider": "Professional training provider",
        "duration_weeks": 12,
        "description": (
            "For people who already read the numbers: attribution, experiment design and "
            "A/B testing at scale, funnel diagnostics from visit to repeat order, and turning "
            "analysis into a roadmap for the site and the marketing mix."
        ),
        "competencies": {
            "web-analytics": 5,
            "conversion-funnel-management": 5,
            "kpi-reporting": 5,
            "ux-site-optimisation": 4,
            "data-driven-decisions": 4,
        },
    },
]
