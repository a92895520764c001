package io.stackpilot.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON bytes and ETag of one catalog route's answers, kept beside the cached list they were rendered from. The
 * catalog cache hands out the same list object until it refreshes or drops it, so a warm answer is stored bytes:
 * no mapping, no Jackson, no SHA-256 per request. Lists are held weakly and compared by identity (a refreshed list
 * is a new object and is rendered again; a dropped one is collected with its rendering), at most {@code maxLists}
 * of them. One instance per route: two routes may get the same object (the JDK's one empty list). Thread-safe.
 */
final class RenderedCatalogs {
    /** An answer's body and its {@link CatalogETag strong ETag}. */
    record Rendered(byte[] json, String etag) {
    }

    private final ObjectMapper mapper;
    private final Cache<List<?>, Rendered> byList;

    private RenderedCatalogs(ObjectMapper mapper, Cache<List<?>, Rendered> byList) {
        this.mapper = mapper;
        this.byList = byList;
    }

    /** Keeps the renderings of at most {@code maxLists} lists (the catalog cache holds as many). */
    static RenderedCatalogs kept(ObjectMapper mapper, long maxLists) {
        return new RenderedCatalogs(mapper, Caffeine.newBuilder().weakKeys().maximumSize(maxLists).build());
    }

    /** Renders every answer (the catalog cache is off: every list is new, keeping it would only cost). */
    static RenderedCatalogs none(ObjectMapper mapper) {
        return new RenderedCatalogs(mapper, null);
    }

    /** The answer for {@code list}, whose body is {@code body.apply(list)}; the same list gives the same bytes. */
    <T> Rendered of(List<T> list, Function<List<T>, Object> body) {
        if (byList == null) {
            return render(list, body);
        }
        Rendered stored = byList.getIfPresent(list);
        if (stored != null) {
            return stored;
        }
        Rendered rendered = render(list, body);
        byList.put(list, rendered);
        return rendered;
    }

    /** How many renderings are kept (after pending evictions are done); for tests. */
    long size() {
        if (byList == null) {
            return 0;
        }
        byList.cleanUp();
        return byList.estimatedSize();
    }

    private <T> Rendered render(List<T> list, Function<List<T>, Object> body) {
        try {
            byte[] json = mapper.writeValueAsBytes(body.apply(list));
            return new Rendered(json, CatalogETag.of(json));
        } catch (JsonProcessingException unexpected) {
            throw new UncheckedIOException(unexpected);
        }
    }
}
