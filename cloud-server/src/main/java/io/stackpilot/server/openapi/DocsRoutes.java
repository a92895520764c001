package io.stackpilot.server.openapi;

import io.javalin.http.HandlerType;
import io.stackpilot.server.http.ApiRoute;
import io.stackpilot.server.http.RouteGroup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;

/**
 * {@code GET /api/v1/openapi.json} (the OpenAPI 3.1 document, a classpath resource) and {@code GET /api/v1/}
 * (Swagger UI from the {@code org.webjars:swagger-ui} jar, served at /webjars/, pointed at the document).
 */
public final class DocsRoutes implements RouteGroup {
    public static final String DOCUMENT = "/openapi/stackpilot-v1.json";
    private static final String INDEX = "/swagger/index.html";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final String document = resource(DOCUMENT);
    private final String index = resource(INDEX).replace("{{version}}", swaggerUiVersion());

    @Override
    public List<ApiRoute> routes() {
        return List.of(
                ApiRoute.open(HandlerType.GET, "/api/v1/openapi.json", ctx -> ctx.contentType("application/json")
                        .result(document)),
                ApiRoute.open(HandlerType.GET, "/api/v1/", ctx -> ctx.html(index)));
    }

    /** The Swagger UI version packaged in the webjar on the classpath. */
    public static String swaggerUiVersion() {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("org.webjars:swagger-ui is not on the classpath");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String resource(String name) {
        try (InputStream in = DocsRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
