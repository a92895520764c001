package io.stackpilot.server.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * The web console's files, read once from the classpath ({@code /ui/files.txt} lists them) and versioned by a
 * SHA-256 over all of them, computed at start: assets are served under {@code /ui/assets/<version>/}, so a
 * changed file gets a new URL and browsers may keep each one for a year. Each file is also kept gzipped.
 * Immutable and thread-safe.
 */
public final class ConsoleAssets {
    private static final String ROOT = "/ui/";
    private static final Map<String, String> TYPES = Map.of(
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "html", "text/html; charset=utf-8");

    /** One file: its bytes, gzipped bytes and content type. */
    public record Asset(String name, byte[] bytes, byte[] gzipped, String contentType) {
    }

    private final Map<String, Asset> assets;
    private final String version;
    private final Asset index;

    private ConsoleAssets(Map<String, Asset> assets, String version, Asset index) {
        this.assets = assets;
        this.version = version;
        this.index = index;
    }

    /** Reads the console from the classpath; fails if a listed file is missing or has an unknown type. */
    public static ConsoleAssets load() {
        MessageDigest digest = sha256();
        Map<String, Asset> assets = new LinkedHashMap<>();
        for (String line : new String(read("files.txt"), StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            byte[] bytes = read(name);
            digest.update(name.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(bytes);
            assets.put(name, asset(name, bytes));
        }
        String version = HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        String html = new String(read("index.html"), StandardCharsets.UTF_8)
                .replace("{{assets}}", ROOT + "assets/" + version);
        return new ConsoleAssets(Map.copyOf(assets), version, asset("index.html",
                html.getBytes(StandardCharsets.UTF_8)));
    }

    /** The hash that names this build of the assets. */
    public String version() {
        return version;
    }

    /** {@code index.html}, pointing at this version's assets. */
    public Asset index() {
        return index;
    }

    /** The asset of that name in this version; empty for another version (an older replica's) or unknown name. */
    public Optional<Asset> find(String requestedVersion, String name) {
        return version.equals(requestedVersion) ? Optional.ofNullable(assets.get(name)) : Optional.empty();
    }

    private static Asset asset(String name, byte[] bytes) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (type == null) {
            throw new IllegalStateException("console file " + name + " has no known content type");
        }
        return new Asset(name, bytes, gzip(bytes), type);
    }

    private static byte[] read(String name) {
        if (name.contains("..") || name.startsWith("/")) {
            throw new IllegalStateException("console file names are plain relative names: " + name);
        }
        try (InputStream in = ConsoleAssets.class.getResourceAsStream(ROOT + name)) {
            if (in == null) {
                throw new IllegalStateException("missing console resource " + ROOT + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
