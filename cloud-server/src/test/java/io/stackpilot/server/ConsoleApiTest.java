package io.stackpilot.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.server.console.ConsoleAssets;
import io.stackpilot.server.console.ConsoleRoutes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The web console as files: where they are served, how they are cached, the policy that guards them. */
class ConsoleApiTest {
    private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"(/ui/assets/[^\"]+)\"");

    private final TestServer app = TestServer.start();

    @AfterEach
    void stop() {
        app.close();
    }

    @Test
    void index_is_never_cached_and_names_this_version_s_assets_under_a_strict_policy() {
        HttpResponse<String> index = app.get("/ui/", null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(index.headers().firstValue("Content-Security-Policy")).hasValue(ConsoleRoutes.CONTENT_SECURITY_POLICY);
        assertThat(ConsoleRoutes.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "style-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        List<String> assets = assets(index.body());
        String version = ConsoleAssets.load().version();
        assertThat(assets).isNotEmpty().allSatisfy(path -> assertThat(path).startsWith("/ui/assets/" + version + "/"));
        for (String path : assets) {
            HttpResponse<String> asset = app.get(path, null);
            assertThat(asset.statusCode()).as(path).isEqualTo(200);
            assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
            assertThat(asset.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        }
    }

    @Test
    void modules_are_served_as_javascript_and_gzipped_when_the_browser_accepts_it() {
        String version = ConsoleAssets.load().version();
        HttpResponse<String> plain = app.get("/ui/assets/" + version + "/app.js", null);
        assertThat(plain.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(plain.headers().firstValue("Content-Encoding")).isEmpty();
        assertThat(plain.body()).contains("import");
        HttpResponse<String> gzipped = app.send("GET", "/ui/assets/" + version + "/app.js", null, null,
                Map.of("Accept-Encoding", "gzip, deflate, br"));
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValueSatisfying(v -> assertThat(v).contains("Accept-Encoding"));
    }

    @Test
    void another_version_or_an_unlisted_file_is_a_404_problem() {
        String version = ConsoleAssets.load().version();
        ProblemAssert.assertProblem(app.get("/ui/assets/0000000000000000/app.js", null), 404, "not-found");
        ProblemAssert.assertProblem(app.get("/ui/assets/" + version + "/files.txt", null), 404, "not-found");
        ProblemAssert.assertProblem(app.get("/ui/assets/" + version + "/index.html", null), 404, "not-found");
    }

    @Test
    void no_console_file_parses_api_values_as_html_or_code() {
        for (String name : listedFiles()) {
            String text = resource(name);
            assertThat(text).as(name).doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write",
                    "eval(", "new Function", "style=\"", "setAttribute('style'");
        }
        String index = resource("index.html");
        assertThat(index).doesNotContain("<style", "style=\"", " on");
        assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)").matcher(index).find()).as("inline script").isFalse();
    }

    private static List<String> assets(String html) {
        List<String> found = new ArrayList<>();
        Matcher matcher = ASSET.matcher(html);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    private static List<String> listedFiles() {
        return resource("files.txt").lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = ConsoleApiTest.class.getResourceAsStream("/ui/" + name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
