package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.stackpilot.core.stats.StatsQuery;
import io.stackpilot.server.http.ApiRoute;
import io.stackpilot.server.http.ServerRoutes;
import io.stackpilot.server.openapi.DocsRoutes;
import io.stackpilot.server.problem.ProblemKind;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenApiTest {
    private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete", "head", "options");

    private final TestServer app = TestServer.withStats();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void documents_every_route_and_routes_every_documented_path() {
        JsonNode document = TestServer.json(app.get("/api/v1/openapi.json", null));
        assertThat(document.get("openapi").asText()).isEqualTo("3.1.0");
        Set<String> documented = new TreeSet<>();
        for (Iterator<String> paths = document.get("paths").fieldNames(); paths.hasNext(); ) {
            String path = paths.next();
            document.get("paths").get(path).fieldNames().forEachRemaining(method -> {
                if (METHODS.contains(method)) {
                    documented.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            });
        }
        Set<String> routed = new TreeSet<>();
        for (ApiRoute route : app.server.routes()) {
            routed.add(route.method().name() + " " + route.path());
        }
        assertThat(documented).isEqualTo(routed);
    }

    @Test
    void every_operation_documents_its_errors_and_secured_ones_their_auth_errors() {
        JsonNode paths = TestServer.json(app.get("/api/v1/openapi.json", null)).get("paths");
        for (ApiRoute route : app.server.routes()) {
            JsonNode operation = paths.get(route.path()).get(route.method().name().toLowerCase(Locale.ROOT));
            assertThat(operation.get("responses").has("405")).as(route.path()).isTrue();
            if (route.authenticated()) {
                assertThat(operation.has("security")).as(route.path()).isTrue();
                assertThat(operation.get("responses").has("401")).as(route.path()).isTrue();
                assertThat(operation.get("responses").has("403")).as(route.path()).isTrue();
            } else {
                assertThat(operation.has("security")).as(route.path()).isFalse();
            }
        }
    }

    @Test
    void documents_the_statistics_points_as_the_query_enforces_them() {
        JsonNode operation = TestServer.json(app.get("/api/v1/openapi.json", null)).get("paths")
                .get("/api/v1/stats/servers").get("get");
        JsonNode points = null;
        for (JsonNode parameter : operation.get("parameters")) {
            if (parameter.get("name").asText().equals("points")) {
                points = parameter.get("schema");
            }
        }
        assertThat(points).isNotNull();
        assertThat(points.get("minimum").asInt()).isEqualTo(1);
        assertThat(points.get("maximum").asInt()).isEqualTo(StatsQuery.MAX_POINTS);
        assertThat(points.get("default").asInt()).isEqualTo(StatsQuery.DEFAULT_POINTS);
        assertThat(operation.get("responses").has("404")).as("unknown or not allowed project_id").isTrue();
    }

    @Test
    void documents_every_problem_type_the_server_can_answer() {
        JsonNode types = TestServer.json(app.get("/api/v1/openapi.json", null)).get("components").get("schemas")
                .get("Problem").get("properties").get("type").get("enum");
        Set<String> documented = new TreeSet<>();
        types.forEach(type -> documented.add(type.asText()));
        Set<String> answered = new TreeSet<>();
        for (ProblemKind kind : ProblemKind.values()) {
            answered.add(kind.type());
        }
        assertThat(documented).isEqualTo(answered);
    }

    @Test
    void documents_the_server_list_page_size_as_the_route_enforces_it() {
        JsonNode operation = TestServer.json(app.get("/api/v1/openapi.json", null)).get("paths")
                .get("/api/v1/servers").get("get");
        JsonNode limit = null;
        for (JsonNode parameter : operation.get("parameters")) {
            if (parameter.get("name").asText().equals("limit")) {
                limit = parameter.get("schema");
            }
        }
        assertThat(limit).isNotNull();
        assertThat(limit.get("maximum").asInt()).isEqualTo(ServerRoutes.MAX_LIMIT);
        assertThat(limit.get("default").asInt()).isEqualTo(ServerRoutes.DEFAULT_LIMIT);
        assertThat(operation.get("responses").get("200").get("headers").has("Link")).isTrue();
    }

    @Test
    void every_schema_reference_resolves() {
        String text = app.get("/api/v1/openapi.json", null).body();
        JsonNode components = TestServer.json(app.get("/api/v1/openapi.json", null)).get("components");
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"#/components/(\\w+)/([\\w-]+)\"").matcher(text);
        int count = 0;
        while (refs.find()) {
            count++;
            assertThat(components.get(refs.group(1)).has(refs.group(2))).as(refs.group()).isTrue();
        }
        assertThat(count).isGreaterThan(20);
    }

    @Test
    void documents_the_managed_server_status_and_its_placement_field_by_field_as_the_api_writes_them() {
        JsonNode schemas = TestServer.json(app.get("/api/v1/openapi.json", null)).get("components").get("schemas");
        assertThat(names(schemas.get("ManagedServerStatus").get("properties")))
                .containsExactlyElementsOf(fields(io.stackpilot.server.http.ManagedServerJson.Status.class));
        assertThat(names(schemas.get("PlacementStatus").get("properties")))
                .containsExactlyElementsOf(fields(io.stackpilot.server.http.ManagedServerJson.PlacementJson.class));
        assertThat(names(schemas.get("PlacementTried").get("properties")))
                .containsExactlyElementsOf(fields(io.stackpilot.server.http.ManagedServerJson.TriedJson.class));
    }

    private static java.util.List<String> names(JsonNode properties) {
        java.util.List<String> names = new java.util.ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A record's JSON field names, snake_case as the API's mapper writes them. */
    private static java.util.List<String> fields(Class<? extends Record> json) {
        return java.util.Arrays.stream(json.getRecordComponents())
                .map(component -> component.getName().replaceAll("([A-Z])", "_$1").toLowerCase()).toList();
    }

    @Test
    void serves_swagger_ui_from_the_classpath() {
        HttpResponse<String> index = app.get("/api/v1/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("/api/v1/openapi.json")
                .contains("/webjars/swagger-ui/" + DocsRoutes.swaggerUiVersion() + "/swagger-ui-bundle.js");
        HttpResponse<String> bundle = app.get("/webjars/swagger-ui/" + DocsRoutes.swaggerUiVersion()
                + "/swagger-ui-bundle.js", null);
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.body()).contains("SwaggerUIBundle");
    }
}
