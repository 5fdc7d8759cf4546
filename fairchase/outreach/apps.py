from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "fairchase.outreach"
    label = "outreach"
    verbose_name = "Outreach"

    def ready(self) -> None:
        from fairchase.leads import reach
        from fairchase.leads.worker import register_step
        from fairchase.web import panels

        from . import checks, drafts, held, mailbox, notices, outbox, receivers, ui  # noqa: F401  (receivers, checks register)

        reach.register_hold(held.holds)  # a request to stop held for a person

        register_step("outreach_send", outbox.send_due, every=0)
        register_step("outreach_plan", drafts.queue_plan_steps, every=60)
        # every=0: the step itself polls each POLL_EVERY seconds, at once while mail is left
        register_step("outreach_mailbox", mailbox.poll_step, every=0)
        panels.register_nav("Templates", "outreach:templates", order=60)
        panels.register_nav("Outbox", "outreach:outbox", order=61)
        panels.register_today_extra(
            "outreach/today_extra.html", ui.today_extra_context, prepare=ui.prepare_today
        )
        if hasattr(panels, "register_today_panel"):
            panels.register_today_panel("outreach/today_panel.html", ui.today_panel_context)
            panels.register_today_panel(
                "outreach/_mail_notices.html", notices.today_context, order=40
            )
        panels.register_lead_panel("outreach/lead_panel.html", ui.lead_panel_context, order=40)
        panels.register_timeline(ui.timeline_entries)
