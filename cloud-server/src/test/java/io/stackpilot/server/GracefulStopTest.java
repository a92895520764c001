package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.http.HandlerType;
import io.stackpilot.core.audit.AuditEntry;
import io.stackpilot.server.http.ApiRoute;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulStopTest {

    @Test
    void stop_lets_a_running_request_finish_and_stores_its_audit_row() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TestServer app = TestServer.withRoutes(() -> List.of(ApiRoute.open(HandlerType.GET, "/test/slow", ctx -> {
            entered.countDown();
            release.await(10, TimeUnit.SECONDS);
            ctx.result("done");
        })));
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(
                () -> app.get("/test/slow", null));
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Void> stopping = CompletableFuture.runAsync(app::close);
        while (!app.server.isStopping()) {
            Thread.sleep(5);
        }
        // The request is still running after stop() began; stop() must wait for it.
        release.countDown();
        HttpResponse<String> response = slow.get(20, TimeUnit.SECONDS);
        stopping.get(30, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("done");
        assertThat(app.auditLog.all()).extracting(AuditEntry::path).contains("/test/slow");
    }

    @Test
    void extra_route_groups_are_served_audited_and_measured() {
        try (TestServer app = TestServer.withRoutes(() -> List.of(ApiRoute.open(HandlerType.GET, "/test/extra",
                ctx -> ctx.json(java.util.Map.of("ok", true)))))) {
            HttpResponse<String> response = app.get("/test/extra", null);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(app.auditRowOf(response).route()).isEqualTo("/test/extra");
            assertThat(app.get("/metrics", null).body()).contains("route=\"/test/extra\"");
        }
    }
}
