package io.cascadelab.tune;

import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.TinyFamily;

import java.util.List;
import java.util.Random;

/** The tiny in-memory family of the engine tests, and prompts in two categories. */
final class TinySweeps {

    static final int VOCAB = 64;

    private TinySweeps() {
    }

    static ModelFamily family() {
        return TinyFamily.family();
    }

    static List<SweepPrompt> prompts() {
        return List.of(prompt("law", "a", 11), prompt("law", "b", 12), prompt("poetry", "c", 13));
    }

    private static SweepPrompt prompt(String category, String name, long seed) {
        Random r = new Random(seed);
        int[] ids = new int[12];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = r.nextInt(r.nextBoolean() ? 8 : VOCAB);
        }
        return new SweepPrompt(category, name, "", ids);
    }
}
