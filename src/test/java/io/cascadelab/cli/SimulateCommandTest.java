package io.cascadelab.cli;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code simulate} runs without models and prints the formula next to the simulated AL. */
class SimulateCommandTest {

    @Test
    void printsSimulatedAndFormulaAl() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CascadeLabCli.run(new String[] {"simulate", "--drafter", "MaG:0.5", "--k", "4", "--tokens", "2000"},
                new PrintWriter(out), new PrintWriter(err));
        assertEquals(0, code, err.toString());
        String line = out.toString().lines().reduce((a, b) -> b).orElse("");
        assertTrue(line.trim().startsWith("4 "), line);
        assertTrue(line.contains("1.938"), "(1 − 0.5^5) / (1 − 0.5) = 1.9375: " + line);
    }

    @Test
    void aBadDrafterSpecIsAClearError() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CascadeLabCli.run(new String[] {"simulate", "--drafter", "MaG:often"}, new PrintWriter(out), new PrintWriter(err));
        assertEquals(1, code);
        assertTrue(err.toString().contains("'often' is not a number"), err.toString());
    }
}
