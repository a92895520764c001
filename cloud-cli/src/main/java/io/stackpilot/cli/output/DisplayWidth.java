package io.stackpilot.cli.output;

/**
 * How many terminal columns text takes: East Asian wide and fullwidth characters (CJK, Hangul, fullwidth forms,
 * most emoji) take two, combining marks and zero-width format characters none, everything else one — the rule of
 * POSIX {@code wcwidth}, so that a table with {@code 名前} lines up.
 */
public final class DisplayWidth {
    private DisplayWidth() {
    }

    public static int of(String text) {
        return text.codePoints().map(DisplayWidth::of).sum();
    }

    public static int of(int codePoint) {
        int type = Character.getType(codePoint);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT
                || codePoint == 0) {
            return 0;
        }
        return isWide(codePoint) ? 2 : 1;
    }

    /** The wide ranges of Unicode's EastAsianWidth.txt (W and F), grouped as wcwidth implementations group them. */
    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F)
                || (c >= 0x2E80 && c <= 0x303E)
                || (c >= 0x3041 && c <= 0x33FF)
                || (c >= 0x3400 && c <= 0x4DBF)
                || (c >= 0x4E00 && c <= 0x9FFF)
                || (c >= 0xA000 && c <= 0xA4CF)
                || (c >= 0xA960 && c <= 0xA97F)
                || (c >= 0xAC00 && c <= 0xD7A3)
                || (c >= 0xF900 && c <= 0xFAFF)
                || (c >= 0xFE10 && c <= 0xFE19)
                || (c >= 0xFE30 && c <= 0xFE6F)
                || (c >= 0xFF00 && c <= 0xFF60)
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x1F300 && c <= 0x1F64F)
                || (c >= 0x1F900 && c <= 0x1F9FF)
                || (c >= 0x20000 && c <= 0x2FFFD)
                || (c >= 0x30000 && c <= 0x3FFFD);
    }
}
