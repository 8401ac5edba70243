package io.salescope.bot.web;

import io.javalin.http.Context;

import static java.util.Objects.requireNonNull;

/** The dashboard's figures, scoped to the caller through the engine. */
final class DashboardController {

    private final ServiceDependencies deps;

    DashboardController(ServiceDependencies deps) {
        this.deps = requireNonNull(deps, "deps is null");
    }

    void funnel(Context ctx) {
        ctx.json(deps.dashboard().funnel(ApiController.user(ctx), period(ctx)));
    }

    void bookingsVsQuota(Context ctx) {
        ctx.json(deps.dashboard().bookingsVsQuota(ApiController.user(ctx), period(ctx)));
    }

    void forecast(Context ctx) {
        ctx.json(deps.dashboard().forecast(ApiController.user(ctx)));
    }

    void pipelineByStage(Context ctx) {
        ctx.json(deps.dashboard().pipelineByStage(ApiController.user(ctx)));
    }

    private static String period(Context ctx) {
        String p = ctx.queryParam("period");
        if (p != null && (p.length() > 40 || !p.matches("[A-Za-z0-9_.\\-]*"))) {
            throw new BadRequestException("bad_period", "period must look like 2026-Q3, 2026-03, 2026, this_quarter or"
                    + " 2026-01-01..2026-03-31", "期间格式应为 2026-Q3、2026-03、2026、this_quarter 或 2026-01-01..2026-03-31");
        }
        return p;
    }
}
