package io.stackpilot.server.logging;

import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.helpers.ThreadLocalMapOfStacks;
import org.slf4j.spi.MDCAdapter;

/**
 * The MDC of our SLF4J provider: a plain (not inheritable) thread-local map, so that a thread started during a
 * request (a client library's dispatcher, a pool growing) does not carry that request's id on its lines forever,
 * as SLF4J's {@code BasicMDCAdapter} (an {@code InheritableThreadLocal}) would. The map is replaced on each change,
 * so a copy handed to a log line never changes after. Thread-safe.
 */
final class ThreadLocalMdc implements MDCAdapter {
    private final ThreadLocal<Map<String, String>> values = ThreadLocal.withInitial(Map::of);
    private final ThreadLocalMapOfStacks stacks = new ThreadLocalMapOfStacks();

    @Override
    public void put(String key, String value) {
        Map<String, String> next = new LinkedHashMap<>(values.get());
        next.put(key, value);
        values.set(Collections.unmodifiableMap(next));
    }

    @Override
    public String get(String key) {
        return values.get().get(key);
    }

    @Override
    public void remove(String key) {
        Map<String, String> current = values.get();
        if (current.containsKey(key)) {
            Map<String, String> next = new LinkedHashMap<>(current);
            next.remove(key);
            values.set(next.isEmpty() ? Map.of() : Collections.unmodifiableMap(next));
        }
    }

    @Override
    public void clear() {
        values.remove();
    }

    /** The current map itself (immutable), for a log line. */
    Map<String, String> current() {
        return values.get();
    }

    @Override
    public Map<String, String> getCopyOfContextMap() {
        return new LinkedHashMap<>(values.get());
    }

    @Override
    public void setContextMap(Map<String, String> contextMap) {
        values.set(Collections.unmodifiableMap(new LinkedHashMap<>(contextMap)));
    }

    @Override
    public void pushByKey(String key, String value) {
        stacks.pushByKey(key, value);
    }

    @Override
    public String popByKey(String key) {
        return stacks.popByKey(key);
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        return stacks.getCopyOfDequeByKey(key);
    }

    @Override
    public void clearDequeByKey(String key) {
        stacks.clearDequeByKey(key);
    }
}
