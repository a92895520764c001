package io.stackpilot.openstack.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stackpilot.core.error.StackpilotException;
import io.stackpilot.core.error.UnauthenticatedException;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import okhttp3.Call;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Sends {@link ApiCall}s with the process's one OkHttp client and turns answers into text or Jackson records, and
 * failures into the core's errors (through {@link OpenStackErrors}). Thread-safe.
 */
public final class OpenStackHttp {
    public static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .findAndAddModules()
            .build();
    private static final ClassValue<ObjectReader> READERS = new ClassValue<>() {
        @Override
        protected ObjectReader computeValue(Class<?> type) {
            return JSON.readerFor(type);
        }
    };
    private static final MediaType JSON_TYPE = MediaType.get("application/json");
    private static final Set<String> SECRET_HEADERS = Set.of("X-Auth-Token", "X-Subject-Token");

    private final OkHttpClient client;
    private final OpenStackErrors errors = new OpenStackErrors(JSON);

    public OpenStackHttp(OkHttpClient client) {
        this.client = client;
    }

    /**
     * Sends the call and returns the 2xx answer.
     *
     * @throws StackpilotException for any other status or when no answer came
     */
    public ApiResponse send(ApiCall call) {
        return exchange(call, (response, requestId) -> new ApiResponse(response.code(), response.headers(),
                text(response), requestId));
    }

    /**
     * Sends the call and reads the 2xx answer's JSON body as {@code type}, straight from the connection: no copy of
     * the body as text (a server list is tens of kilobytes) and a reader made once per type.
     */
    public <T> T sendForJson(ApiCall call, Class<T> type) {
        return exchange(call, (response, requestId) -> {
            T value;
            try {
                value = READERS.get(type).readValue(response.body().byteStream());
            } catch (JsonProcessingException unreadable) {
                throw errors.unreadable(call, requestId, unreadable);
            } catch (RuntimeException unreadable) {
                if (unreadable instanceof StackpilotException known) {
                    throw known;
                }
                throw errors.unreadable(call, requestId, unreadable);
            }
            if (value == null) {
                throw errors.unreadable(call, requestId, null);
            }
            return value;
        });
    }

    public <T> T read(ApiCall call, ApiResponse response, Class<T> type) {
        try {
            T value = READERS.get(type).readValue(response.body());
            if (value == null) {
                throw errors.unreadable(call, response.requestId(), null);
            }
            return value;
        } catch (JsonProcessingException | RuntimeException unreadable) {
            if (unreadable instanceof StackpilotException known) {
                throw known;
            }
            throw errors.unreadable(call, response.requestId(), unreadable);
        }
    }

    /** What is made of a 2xx answer; a failure to read its body (IOException) is the call's failure. */
    @FunctionalInterface
    private interface Success<R> {
        R read(Response response, String requestId) throws IOException;
    }

    private <R> R exchange(ApiCall call, Success<R> success) {
        Request request = toRequest(call);
        Call okCall = client.newCall(request);
        try (Response response = okCall.execute()) {
            String requestId = UpstreamInterceptor.requestId(response);
            if (!response.isSuccessful()) {
                throw errors.fromStatus(call, response.code(), text(response), requestId,
                        response.header("Retry-After"));
            }
            return success.read(response, requestId);
        } catch (IOException failure) {
            // Nothing else cancels our calls: a canceled one ran out of its overall deadline (callTimeout), also when
            // OkHttp reports it as a closed socket while the body was being read.
            throw okCall.isCanceled() ? errors.deadlinePassed(call, failure) : errors.fromFailure(call, failure);
        }
    }

    private static String text(Response response) throws IOException {
        ResponseBody body = response.body();
        return body == null ? "" : body.string();
    }

    public OpenStackErrors errors() {
        return errors;
    }

    private static Request toRequest(ApiCall call) {
        Request.Builder builder = new Request.Builder().url(call.url())
                .header("Accept", "application/json")
                .header("User-Agent", "stackpilot")
                .tag(CallTag.class, new CallTag(call.service(), call.trace()));
        if (call.token() != null) {
            header(builder, "X-Auth-Token", call.token());
        }
        for (Map.Entry<String, String> header : call.headers().entrySet()) {
            header(builder, header.getKey(), header.getValue());
        }
        RequestBody body = call.body() == null ? null : RequestBody.create(writeJson(call.body()), JSON_TYPE);
        if (body == null && "POST".equals(call.method())) {
            body = RequestBody.create(new byte[0], JSON_TYPE);
        }
        return builder.method(call.method(), body).build();
    }

    /**
     * OkHttp refuses a header value with a control or non-ASCII character by an IllegalArgumentException whose
     * message quotes the whole value: a token would end up in a log line. That exception is replaced by one that
     * names the header only, without the original as its cause. A token the cloud could never accept is a 401.
     */
    private static void header(Request.Builder builder, String name, String value) {
        try {
            builder.header(name, value);
        } catch (IllegalArgumentException quotesTheValue) {
            if (SECRET_HEADERS.contains(name)) {
                throw new UnauthenticatedException("the token holds characters that no HTTP header may carry");
            }
            throw new IllegalArgumentException("the value of header " + name + " cannot be sent over HTTP");
        }
    }

    private static byte[] writeJson(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new IllegalArgumentException("request body cannot be written as JSON", impossible);
        }
    }
}
