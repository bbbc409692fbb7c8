package io.cascadelab.chat;

import java.util.regex.Pattern;

/**
 * Python expressions that chat templates use and Jinjava spells differently: str.startswith /
 * endswith (Java's startsWith / endsWith) and the reversing slice [::-1] (the reverse filter).
 */
final class PythonIdioms {

    private static final Pattern STARTS = Pattern.compile("\\.startswith\\(");
    private static final Pattern ENDS = Pattern.compile("\\.endswith\\(");
    private static final Pattern REVERSED = Pattern.compile("\\[\\s*::\\s*-1\\s*\\]");

    private PythonIdioms() {
    }

    static String rewrite(String template) {
        String t = STARTS.matcher(template).replaceAll(".startsWith(");
        t = ENDS.matcher(t).replaceAll(".endsWith(");
        return REVERSED.matcher(t).replaceAll("|reverse");
    }
}
