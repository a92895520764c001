package io.stackpilot.openstack.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/**
 * Which TLS servers the cloud's client trusts, as python-openstackclient decides it: the JDK's trusted CAs by
 * default; with {@code OS_CACERT} (clouds.yaml {@code cacert}) only the CAs of that PEM bundle, as the Python
 * {@code requests} library does with a {@code verify} path; with {@code verify: false} (or {@code OS_INSECURE=true})
 * any certificate and host name, which is for a lab only. Immutable.
 */
public final class TlsTrust {
    /** The JDK's default trust store and host name check. */
    public static final TlsTrust SYSTEM = new TlsTrust(null, true);

    private final X509TrustManager trustManager;
    private final boolean verify;

    private TlsTrust(X509TrustManager trustManager, boolean verify) {
        this.trustManager = trustManager;
        this.verify = verify;
    }

    /**
     * The trust for a CA bundle (null: the JDK's) and the verify flag.
     *
     * @throws IllegalArgumentException when the bundle cannot be read or holds no certificate
     */
    public static TlsTrust of(Path caBundle, boolean verify) {
        if (!verify) {
            return new TlsTrust(new TrustingEveryone(), false);
        }
        return caBundle == null ? SYSTEM : new TlsTrust(trustManagerOf(caBundle), true);
    }

    /** Checks that the file is a PEM (or DER) bundle of at least one X.509 certificate; the message says why not. */
    public static void check(Path caBundle) {
        certificates(caBundle);
    }

    /** Applies this trust to a client under construction. */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        if (trustManager == null) {
            return builder;
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, new SecureRandom());
            builder.sslSocketFactory(context.getSocketFactory(), trustManager);
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JDK offers no TLS context", impossible);
        }
        if (!verify) {
            builder.hostnameVerifier((host, session) -> true);
        }
        return builder;
    }

    private static X509TrustManager trustManagerOf(Path caBundle) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (Certificate certificate : certificates(caBundle)) {
                store.setCertificateEntry("ca-" + index++, certificate);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException | IOException failed) {
            throw new IllegalArgumentException("cannot use the CA bundle " + caBundle + ": " + failed.getMessage(),
                    failed);
        }
    }

    private static Collection<? extends Certificate> certificates(Path caBundle) {
        try (InputStream in = Files.newInputStream(caBundle)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException(caBundle + " holds no certificate");
            }
            return certificates;
        } catch (IOException unreadable) {
            throw new IllegalArgumentException("cannot read " + caBundle + " (" + unreadable.getClass()
                    .getSimpleName() + ")", unreadable);
        } catch (GeneralSecurityException notCertificates) {
            throw new IllegalArgumentException(caBundle + " is not a PEM bundle of certificates", notCertificates);
        }
    }

    /** For {@code verify: false} only: accepts every chain. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
            // not a server's concern
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
            // verify: false
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
