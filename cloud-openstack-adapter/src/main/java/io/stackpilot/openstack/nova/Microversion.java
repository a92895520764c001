package io.stackpilot.openstack.nova;

import io.stackpilot.core.error.UpstreamFailureException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.UpstreamTrace;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.SingleFlight;
import io.stackpilot.openstack.nova.NovaJson.VersionJson;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * The Nova microversion every request pins, and the one-time check that the cloud supports it.
 *
 * <p>We pin <b>2.46</b>: it is the newest version before 2.47, which replaced a server's {@code flavor} reference
 * ({@code {"id": ..}}) by an embedded copy without the id, and our API promises {@code flavor.id}. It is at or after
 * 2.40, from which {@code os-simple-tenant-usage} pages with {@code limit}/{@code marker} (a long usage report is
 * otherwise cut off), and after 2.38, from which an invalid {@code status} filter is a 400 rather than an empty list.
 * Every Nova since Ocata (2017) serves it.
 *
 * <p>The check reads the version document ({@code GET <compute endpoint root>}) once, lazily, on the first Nova
 * call, and caches a pass; a cloud outside the range fails every call with a clear error. Callers that arrive while
 * a check runs wait for its outcome and share it, failure included: queueing each for a check of its own would
 * cost each one more full read timeout, in turn, while Nova hangs. A failed check is not cached (the next call
 * checks again). Thread-safe.
 */
public final class Microversion {
    public static final String PINNED = "2.46";
    public static final Map<String, String> HEADERS = Map.of("OpenStack-API-Version", "compute " + PINNED,
            "X-OpenStack-Nova-API-Version", PINNED);

    private final OpenStackHttp http;
    private final SingleFlight<Boolean> versionCheck = new SingleFlight<>();
    private volatile boolean checked;

    public Microversion(OpenStackHttp http) {
        this.http = http;
    }

    /** Checks the cloud's range the first time; later calls return at once. */
    public void ensureSupported(HttpUrl computeEndpoint, Session session) {
        if (checked) {
            return;
        }
        versionCheck.run(() -> {
            if (!checked) {
                // A trace of its own: the check's outcome is shared by every caller waiting for it, so its request
                // id belongs to none of their audit rows.
                VersionJson version = http.sendForJson(ApiCall.get(NovaComputeGateway.SERVICE,
                        versionRoot(computeEndpoint), session.token(), new UpstreamTrace()),
                        NovaJson.VersionEnvelope.class)
                        .version();
                check(version);
                checked = true;
            }
            return Boolean.TRUE;
        });
    }

    static void check(VersionJson version) {
        String max = version == null ? null : version.version();
        String min = version == null ? null : version.minVersion();
        if (max == null || max.isBlank() || min == null || min.isBlank()
                || compare(PINNED, min) < 0 || compare(PINNED, max) > 0) {
            throw new UpstreamFailureException(NovaComputeGateway.SERVICE, "Nova supports microversions "
                    + (max == null || max.isBlank() ? "none" : min + " to " + max) + ", but Stackpilot needs "
                    + PINNED, null, null);
        }
    }

    /** The endpoint up to its version segment: {@code http://h/compute/v2.1/<project>} gives {@code .../v2.1}. */
    static HttpUrl versionRoot(HttpUrl endpoint) {
        List<String> segments = endpoint.pathSegments();
        HttpUrl.Builder builder = endpoint.newBuilder().encodedPath("/");
        for (String segment : segments) {
            if (segment.isEmpty()) {
                continue;
            }
            builder.addPathSegment(segment);
            if (segment.matches("v2(\\.\\d+)?")) {
                break;
            }
        }
        return builder.addPathSegment("").build();
    }

    static int compare(String left, String right) {
        String[] a = left.split("\\.");
        String[] b = right.split("\\.");
        int major = Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0]));
        return major != 0 ? major : Integer.compare(Integer.parseInt(a[1]), Integer.parseInt(b[1]));
    }
}
