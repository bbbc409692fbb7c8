package io.cascadelab.model;

import ai.djl.Device;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tree of continuations scored in one pass gives each branch the logits of scoring it alone. */
class TreeAttentionTest {

    @TempDir
    Path dir;

    @Test
    void everyTreeNodeScoresAsItsBranchWouldAloneAndOnlyTheChainIsKept() throws Exception {
        TinyModels.writeLlama(dir, TinyModels.Spec.small(), 3, TensorDType.F32);
        int[] prefix = {5, 9, 17, 33, 2, 8};
        // chain: the last prefix token (committed) and two catch-up tokens; then a tree hanging off it
        int[] tokens = {40, 41, 42, /* tree: */ 50, 51, 60, 61, 52};
        int[] parent = {-1, 0, 1, /* 50 */ 2, /* 51 */ 3, /* 60 */ 2, /* 61 */ 5, /* 52 */ 4};
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu()); ModelSession tree = m.newSession(64);
             ModelSession chain = m.newSession(64)) {
            tree.forward(prefix, false);
            ModelSession.Scores s = tree.forwardTree(tokens, parent, 3);
            assertEquals(prefix.length + 3, tree.length(), "only the chain is kept");
            for (int i = 0; i < tokens.length; i++) {
                int[] branch = branch(tokens, parent, i);
                chain.truncate(0);
                ModelSession.Scores c = chain.forward(concat(prefix, branch), true);
                float[] want = c.logits()[c.logits().length - 1];
                assertTrue(maxAbs(want, s.logits()[i]) < 1e-4, "node " + i + " logits");
                assertTrue(maxAbs(c.lastHidden(), s.hidden()[i]) < 1e-4, "node " + i + " hidden state");
            }
            // the tree left nothing behind: the next token continues the chain exactly
            ModelSession.Scores next = tree.forward(new int[] {7}, false);
            chain.truncate(0);
            ModelSession.Scores ref = chain.forward(concat(prefix, new int[] {40, 41, 42, 7}), false);
            assertTrue(maxAbs(ref.logits()[ref.logits().length - 1], next.logits()[0]) < 1e-4);
            assertArrayEquals(concat(prefix, new int[] {40, 41, 42, 7}), tree.tokens());
        }
    }

    private static int[] branch(int[] tokens, int[] parent, int i) {
        int n = 0;
        for (int a = i; a >= 0; a = parent[a]) {
            n++;
        }
        int[] b = new int[n];
        for (int a = i; a >= 0; a = parent[a]) {
            b[--n] = tokens[a];
        }
        return b;
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double maxAbs(float[] a, float[] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }
}
