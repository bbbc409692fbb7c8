package io.cascadelab.decode;

import io.cascadelab.trace.ModelCost;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A cascade shares its bottom drafter among every reviewer above it (four ways at depth 3); the
 * run still tells each drafter once that it starts, once per step what was committed, and once
 * that it ended, so a drafter that learns from the text sees the prompt once.
 */
class DrafterLifecycleTest {

    /** Proposes nothing; writes down the lifecycle calls it hears. */
    static final class Listening implements Drafter {
        final List<String> heard = new ArrayList<>();
        private final int level;

        Listening(int level) {
            this.level = level;
        }

        @Override
        public String name() {
            return "listener";
        }

        @Override
        public int level() {
            return level;
        }

        @Override
        public List<DraftToken> draft(StepScope scope, int[] sequence, int wanted) {
            return List.of();
        }

        @Override
        public void start(DecodeInput input) {
            heard.add("start " + input.start().length);
        }

        @Override
        public void accepted(int[] sequence, int accepted) {
            heard.add("accepted " + sequence.length);
        }

        @Override
        public void finish(int[] sequence) {
            heard.add("finish " + sequence.length);
        }
    }

    @Test
    void aSharedBottomDrafterHearsEachLifecycleCallOnce() {
        List<Listening> made = new ArrayList<>();
        LevelSpec listening = new LevelSpec() {
            @Override
            public DrafterKind kind() {
                return DrafterKinds.get("mag"); // any statistical kind: it only places the level at the bottom
            }

            @Override
            public String name() {
                return "listener";
            }

            @Override
            public Drafter create(LevelContext c) {
                Listening l = new Listening(c.level());
                made.add(l);
                return l;
            }

            @Override
            public ModelCost cost(String name, int level, int context, int k, int repeats) {
                return ModelCost.free(name, level);
            }
        };
        int[] prompt = LosslessGreedyTest.prompt(5, 12);
        List<LevelSpec> levels = List.of(new DraftModelLevel(LosslessGreedyTest.d1), new DraftModelLevel(LosslessGreedyTest.d2),
                listening);
        GenerationResult r = LosslessGreedyTest.generate(levels, KMatrix.expand(4, 3), 2, prompt, 10);

        assertEquals(1, made.size());
        List<String> expected = new ArrayList<>();
        expected.add("start 12");
        int length = 12;
        for (var step : r.steps()) {
            length += step.emitted().size();
            expected.add("accepted " + length);
        }
        expected.add("finish " + length);
        assertEquals(expected, made.get(0).heard);
    }
}
