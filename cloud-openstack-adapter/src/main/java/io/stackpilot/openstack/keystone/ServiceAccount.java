package io.stackpilot.openstack.keystone;

import io.stackpilot.core.identity.Session;
import io.stackpilot.core.identity.UpstreamTrace;
import io.stackpilot.openstack.CloudSettings;
import io.stackpilot.openstack.http.SingleFlight;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import okhttp3.Authenticator;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * The service account's project-scoped token: issued on first use, reused until shortly before it expires, and
 * refreshed once when the cloud answers 401 to a request made with it (as OkHttp's {@link Authenticator}). Requests
 * made with a user's token are never touched: their 401 is the user's problem. Thread-safe.
 */
public final class ServiceAccount implements Authenticator {
    /** Renew this long before expiry, so that a token never expires in the middle of a series of calls. */
    static final Duration RENEW_BEFORE_EXPIRY = Duration.ofMinutes(5);

    private final CloudSettings settings;
    private final Clock clock;
    private volatile KeystoneTokens tokens;
    private final SingleFlight<KeystoneTokens.Issued> login = new SingleFlight<>();
    private KeystoneTokens.Issued current;

    public ServiceAccount(CloudSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Binds the token API; separate from the constructor because the HTTP client needs this authenticator first. */
    public void bind(KeystoneTokens keystone) {
        this.tokens = keystone;
    }

    /**
     * The current token and catalog, issuing a new one when there is none or it is about to expire. Callers that
     * need a token while a login runs wait for that login and share its outcome (see {@link SingleFlight}).
     */
    public KeystoneTokens.Issued issued() {
        KeystoneTokens.Issued fresh = fresh();
        return fresh != null ? fresh : login.run(() -> {
            KeystoneTokens.Issued issued = fresh();
            if (issued == null) {
                issued = tokens.issue(AuthRequests.forServiceAccount(settings), new UpstreamTrace());
                store(issued);
            }
            return issued;
        });
    }

    private synchronized KeystoneTokens.Issued fresh() {
        return current != null && clock.instant().plus(RENEW_BEFORE_EXPIRY).isBefore(current.principal().expiresAt())
                ? current : null;
    }

    private synchronized void store(KeystoneTokens.Issued issued) {
        current = issued;
    }

    /** A session for background work with the current token; ask for a new one per job run. */
    public Session session() {
        KeystoneTokens.Issued issued = issued();
        return new Session(issued.token(), issued.principal(), settings.location());
    }

    /** Drops the token if it is still the current one, so the next use issues a new one. */
    synchronized void reject(String token) {
        if (current != null && current.token().equals(token)) {
            current = null;
        }
    }

    private synchronized boolean isCurrent(String token) {
        return current != null && current.token().equals(token);
    }

    @Override
    public Request authenticate(Route route, Response response) {
        String used = response.request().header("X-Auth-Token");
        if (used == null || response.priorResponse() != null || !isCurrent(used)) {
            return null;
        }
        reject(used);
        String fresh = issued().token();
        if (Objects.equals(fresh, used)) {
            return null;
        }
        return response.request().newBuilder().header("X-Auth-Token", fresh).build();
    }
}
