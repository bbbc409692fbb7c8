package io.cascadelab.decode;

import io.cascadelab.draft.maxgram.MaxGramSpec;
import io.cascadelab.draft.MaxGramDrafter;
import io.cascadelab.model.LoadedModel;
import io.cascadelab.model.ModelConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** EOS and the token limit stop generation exactly, even when a step emits several tokens at once. */
class StoppingTest {

    static final ModelConfig CONFIG = TinyFamily.config(32, 16, 1, 2);
    static final Map<String, float[]> BASE = TinyFamily.randomValues(CONFIG, 21, 0.4);
    static final LoadedModel target = TinyFamily.model("target", CONFIG, BASE);
    static final LoadedModel draft = TinyFamily.model("d", CONFIG, TinyFamily.perturbed(BASE, 0.05, 22));

    @AfterAll
    static void close() {
        target.close();
        draft.close();
    }

    private static int[] run(Set<Integer> eos, int max) {
        try (Cascade c = Cascade.build(target, List.of(new DraftModelLevel(draft), new MaxGramSpec(new MaxGramDrafter())), 128)) {
            return new Generator(c, eos).run(new int[] {3, 1, 4, 1, 5}, max, SamplingSettings.GREEDY,
                    () -> new LiveSettings(KMatrix.of(new int[][] {{4, 4}, {0, 3}}), 2.0), s -> { }, () -> false).tokens();
        }
    }

    @Test
    void maxTokensIsExact() {
        for (int max : new int[] {1, 2, 3, 7, 13}) {
            assertEquals(max, run(Set.of(), max).length);
        }
    }

    @Test
    void eosStopsRightAfterItself() {
        int[] free = run(Set.of(), 40);
        int eos = free[9];
        int firstEos = -1;
        for (int i = 0; i < free.length; i++) {
            if (free[i] == eos) {
                firstEos = i;
                break;
            }
        }
        int[] stopped = run(Set.of(eos), 40);
        assertArrayEquals(java.util.Arrays.copyOf(free, firstEos + 1), stopped);
    }
}
