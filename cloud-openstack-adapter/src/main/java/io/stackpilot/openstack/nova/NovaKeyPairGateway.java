package io.stackpilot.openstack.nova;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.stackpilot.core.compute.KeyPair;
import io.stackpilot.core.compute.KeyPairGateway;
import io.stackpilot.core.compute.NewKeyPair;
import io.stackpilot.core.error.NotFoundException;
import io.stackpilot.core.identity.Session;
import io.stackpilot.openstack.http.ApiCall;
import io.stackpilot.openstack.http.OpenStackHttp;
import io.stackpilot.openstack.http.PathSegments;
import io.stackpilot.openstack.keystone.ServiceEndpoints;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * Nova's {@code /os-keypairs} (at microversion {@value Microversion#PINNED}: typed keys, the owner's
 * {@code user_id} in a show, paged lists, and generated key pairs, which Nova stopped offering at 2.92) as the
 * core's key pair gateway. It never sends {@code user_id}: every call is about the token's own user. The private
 * key of a generated pair is passed through, never kept or logged. Thread-safe.
 */
public final class NovaKeyPairGateway implements KeyPairGateway {
    private final OpenStackHttp http;
    private final ServiceEndpoints endpoints;
    private final Microversion microversion;

    public NovaKeyPairGateway(OpenStackHttp http, ServiceEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
        this.microversion = new Microversion(http);
    }

    record KeyPairJson(String name, String type, String fingerprint, @JsonProperty("public_key") String publicKey,
                       @JsonProperty("user_id") String userId, @JsonProperty("private_key") String privateKey) {
        KeyPair keyPair() {
            return new KeyPair(name, type, fingerprint == null ? "" : fingerprint, publicKey == null ? "" : publicKey,
                    userId);
        }
    }

    record Envelope(KeyPairJson keypair) {
    }

    record KeyPairList(List<Envelope> keypairs, @JsonProperty("keypairs_links") List<NovaJson.Link> links) {
    }

    @Override
    public List<KeyPair> listKeyPairs(Session session) {
        HttpUrl compute = supportedEndpoint(session);
        List<KeyPair> all = new ArrayList<>();
        String marker = null;
        do {
            HttpUrl.Builder url = url(compute);
            if (marker != null) {
                url.addQueryParameter("marker", marker);
            }
            KeyPairList page = http.sendForJson(ApiCall.get(NovaComputeGateway.SERVICE, url.build(), session)
                    .withHeaders(Microversion.HEADERS), KeyPairList.class);
            if (page.keypairs() != null) {
                page.keypairs().stream().filter(e -> e != null && e.keypair() != null && e.keypair().name() != null)
                        .forEach(e -> all.add(e.keypair().keyPair()));
            }
            marker = NovaJson.nextMarker(page.links());
        } while (marker != null);
        return all;
    }

    @Override
    public Optional<KeyPair> findKeyPair(Session session, String name) {
        if (!PathSegments.isSafeId(name)) {
            return Optional.empty();
        }
        HttpUrl compute = supportedEndpoint(session);
        try {
            return Optional.of(send(ApiCall.get(NovaComputeGateway.SERVICE, url(compute).addPathSegment(name).build(),
                    session).withHeaders(Microversion.HEADERS).about("key pair", name)).keyPair());
        } catch (NotFoundException missing) {
            return Optional.empty();
        }
    }

    @Override
    public NewKeyPair createKeyPair(Session session, String name) {
        KeyPairJson created = send(post(session, Map.of("name", name, "type", "ssh")));
        if (created.privateKey() == null || created.privateKey().isBlank()) {
            throw new IllegalStateException("Nova generated key pair " + name + " without its private key");
        }
        return new NewKeyPair(created.keyPair(), created.privateKey());
    }

    @Override
    public KeyPair importKeyPair(Session session, String name, String publicKey) {
        String type = publicKey.startsWith("-----BEGIN CERTIFICATE-----") ? "x509" : "ssh";
        return send(post(session, Map.of("name", name, "type", type, "public_key", publicKey))).keyPair();
    }

    @Override
    public void deleteKeyPair(Session session, String name) {
        HttpUrl compute = supportedEndpoint(session);
        http.send(ApiCall.delete(NovaComputeGateway.SERVICE,
                url(compute).addPathSegment(PathSegments.id("key pair", name)).build(), session)
                .withHeaders(Microversion.HEADERS).about("key pair", name));
    }

    private ApiCall post(Session session, Map<String, Object> keyPair) {
        return ApiCall.post(NovaComputeGateway.SERVICE, url(supportedEndpoint(session)).build(), session,
                Map.of("keypair", keyPair)).withHeaders(Microversion.HEADERS);
    }

    private KeyPairJson send(ApiCall call) {
        Envelope envelope = http.sendForJson(call, Envelope.class);
        if (envelope.keypair() == null || envelope.keypair().name() == null) {
            throw http.errors().unreadable(call, null, null);
        }
        return envelope.keypair();
    }

    private HttpUrl supportedEndpoint(Session session) {
        HttpUrl endpoint = endpoints.compute();
        microversion.ensureSupported(endpoint, session);
        return endpoint;
    }

    private static HttpUrl.Builder url(HttpUrl endpoint) {
        HttpUrl.Builder builder = endpoint.newBuilder();
        if (endpoint.pathSegments().getLast().isEmpty()) {
            builder.removePathSegment(endpoint.pathSize() - 1);
        }
        return builder.addPathSegment("os-keypairs");
    }
}
