package io.stackpilot.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The API's JSON conventions in one mapper: snake_case names, ISO-8601 UTC timestamps. Its parser refuses what no
 * request of ours needs, before building a tree of it: nesting deeper than {@value #MAX_NESTING_DEPTH} (our bodies
 * are at most two levels deep; Jackson's default of 1000 still lets a 50,000-deep array cost a stack), documents over
 * {@value #MAX_DOCUMENT_BYTES} bytes (the server's request size limit) and strings or numbers longer than any field
 * holds.
 */
public final class ApiJsonMapper {
    public static final int MAX_NESTING_DEPTH = 32;
    public static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    private static final int MAX_STRING_LENGTH = MAX_DOCUMENT_BYTES;
    private static final int MAX_NUMBER_LENGTH = 100;

    private ApiJsonMapper() {
    }

    public static ObjectMapper mapper() {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxDocumentLength(MAX_DOCUMENT_BYTES)
                .maxStringLength(MAX_STRING_LENGTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build()).build();
        return JsonMapper.builder(factory)
                .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
