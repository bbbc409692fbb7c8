package io.cascadelab.util;

import com.google.gson.JsonParseException;

/** What is wrong with some JSON, in Gson's words minus its exception class, its advice to go lenient and its link. */
public final class JsonProblem {

    private JsonProblem() {
    }

    /** e.g. "Unterminated object at line 1 column 12 path $.step". */
    public static String of(JsonParseException ex) {
        Throwable t = ex.getCause() != null && ex.getCause().getMessage() != null ? ex.getCause() : ex;
        String m = t.getMessage() == null ? "malformed" : t.getMessage();
        int link = m.indexOf("\nSee https://");
        m = link >= 0 ? m.substring(0, link) : m;
        int lenient = m.indexOf("Use JsonReader.setStrictness");
        m = lenient >= 0 ? m.substring(0, lenient) : m;
        return m.strip().replaceAll("[.;,:]$", "");
    }
}
