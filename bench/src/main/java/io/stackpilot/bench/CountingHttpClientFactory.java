package io.stackpilot.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * fabric8's JDK HTTP client ({@link JdkHttpClientFactory}) with one more interceptor that counts every request it sends to the Kubernetes API, by
 * kind ({@code LIST servers}, {@code WATCH servers}, {@code PATCH servers/status}, ...): the Kubernetes controller's
 * API calls, counted at the client (the apiserver's audit log would cost the shared lab more). Chosen by fabric8's
 * {@code ServiceLoader} over the stock factory by its higher {@link #priority()} (listed in this jar's
 * {@code META-INF/services}), so every client built without an explicit factory (the controller's) is counted; the
 * benchmark's own admin client is built with the stock factory and is not.
 */
public final class CountingHttpClientFactory implements HttpClient.Factory {
    private static final Map<String, LongAdder> CALLS = new ConcurrentHashMap<>();

    private final HttpClient.Factory jdk = new JdkHttpClientFactory();

    @Override
    public HttpClient.Builder newBuilder() {
        HttpClient.Builder builder = jdk.newBuilder();
        builder.addOrReplaceInterceptor("stackpilot-bench-count", new Interceptor() {
            @Override
            public void before(BasicBuilder request, HttpRequest sent, RequestTags tags) {
                CALLS.computeIfAbsent(kind(sent.method(), sent.uri().getRawPath(), sent.uri().getRawQuery()),
                        key -> new LongAdder()).increment();
            }
        });
        return builder;
    }

    @Override
    public int priority() {
        return 1000;
    }

    /** Requests counted since the last {@link #reset()}, by kind, sorted. */
    static Map<String, Long> calls() {
        Map<String, Long> copy = new TreeMap<>();
        CALLS.forEach((key, count) -> copy.put(key, count.sum()));
        return copy;
    }

    static long total() {
        return CALLS.values().stream().mapToLong(LongAdder::sum).sum();
    }

    static void reset() {
        CALLS.clear();
    }

    /**
     * "METHOD resource[/subresource]", the verb named as Kubernetes names it: GET without a name is LIST, with
     * {@code watch=true} WATCH; the group, version, namespace and object name are left out.
     */
    static String kind(String method, String path, String query) {
        String[] parts = path.replaceFirst("^/apis?/", "").split("/");
        int at = path.startsWith("/api/") ? 1 : 2; // /api/v1/... or /apis/<group>/<version>/...
        if (at < parts.length && parts[at].equals("namespaces") && at + 2 < parts.length) {
            at += 2;
        }
        if (at >= parts.length) {
            return method + " " + path;
        }
        String resource = parts[at];
        boolean named = at + 1 < parts.length;
        String sub = at + 2 < parts.length ? "/" + parts[at + 2] : "";
        String verb = method;
        if (method.equals("GET") && query != null && query.contains("watch=true")) {
            verb = "WATCH";
        } else if (method.equals("GET") && !named) {
            verb = "LIST";
        }
        return verb + " " + resource + sub;
    }
}
