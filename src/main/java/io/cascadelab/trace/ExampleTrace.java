package io.cascadelab.trace;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * The example trace shipped inside the application: a short greedy CSD run of the embedded family
 * (made with {@code generate --method csd --max-new-tokens 48 --trace}), to replay with no model loaded.
 */
public final class ExampleTrace {

    /** Where it lives on the class path. */
    public static final String RESOURCE = "/io/cascadelab/examples/kjv-csd.jsonl";

    private ExampleTrace() {
    }

    /** Reads the example trace. */
    public static Trace load() throws IOException {
        InputStream in = ExampleTrace.class.getResourceAsStream(RESOURCE);
        if (in == null) {
            throw new IOException("the example trace " + RESOURCE + " is missing from the application: rebuild it (mvn package)");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return TraceFile.read(r, "example trace " + RESOURCE);
        }
    }
}
