package io.stackpilot.cli.http;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import java.security.GeneralSecurityException;

/** An SSLContext that trusts nothing, for clients that only speak plain HTTP (it is never used for a handshake). */
final class PlainHttp {
    private PlainHttp() {
    }

    static SSLContext unusedSslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[0], new TrustManager[0], null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
