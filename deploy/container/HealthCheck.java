import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The image's HEALTHCHECK: exits 0 when {@code GET /healthz} on the local server answers 200, 1 otherwise.
 *
 * <p>Plain JDK, so the health check does not depend on curl or wget being in the base image. It reads
 * {@code STACKPILOT_PORT} (8080) and {@code STACKPILOT_BIND_ADDRESS} (0.0.0.0: probe the loopback address) like the
 * server. An optional first argument replaces the URL (for tests).
 */
public final class HealthCheck {

    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    private static final int READ_TIMEOUT_MILLIS = 3_000;

    private HealthCheck() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : defaultUrl();
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            connection.setReadTimeout(READ_TIMEOUT_MILLIS);
            connection.setInstanceFollowRedirects(false);
            int status = connection.getResponseCode();
            connection.disconnect();
            System.out.println(url + " -> " + status);
            System.exit(status == 200 ? 0 : 1);
        } catch (IOException | IllegalArgumentException e) {
            System.out.println(url + " -> " + e);
            System.exit(1);
        }
    }

    private static String defaultUrl() {
        String port = System.getenv().getOrDefault("STACKPILOT_PORT", "8080").strip();
        String bind = System.getenv().getOrDefault("STACKPILOT_BIND_ADDRESS", "").strip();
        String host = switch (bind) {
            case "", "0.0.0.0", "::", "[::]" -> "127.0.0.1";
            default -> bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
        };
        return "http://" + host + ":" + port + "/healthz";
    }
}
