package io.cascadelab.model;

import ai.djl.Device;
import com.google.gson.JsonObject;
import io.cascadelab.util.Json;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Sliding windows, NoPE layers and per-layer rotary tables hold however the tokens arrive: a
 * sequence far longer than the window scored in uneven chunks (the verify pass of k + 1 tokens
 * at any position) and as a tree gives the logits of one full pass.
 */
class WindowedAttentionTest {

    @ParameterizedTest
    @ValueSource(strings = {"mistral-sliding", "mistral-sliding-bf16", "qwen2-sliding", "qwen2-sliding-bf16", "qwen3", "gemma2", "gemma3", "phi3", "smollm3"})
    void chunksAndTreesScoreAsOnePass(String name) throws Exception {
        var dir = GoldenFixturesTest.FIXTURES.resolve(name);
        JsonObject exp = Json.read(dir.resolve("expected.json"));
        int[] seq = concat(Goldens.ints(exp.getAsJsonArray("input_ids")),
                Goldens.ints(exp.getAsJsonObject("greedy").getAsJsonArray("output_ids")));
        try (LoadedModel m = LoadedModel.load(dir, Device.cpu()); ModelSession full = m.newSession(128);
             ModelSession chunked = m.newSession(128)) {
            float[][] want = full.forward(seq, false).logits();
            int[] chunks = {1, 4, 1, 1, 7, 2, 5, 1, 3, 6};
            int at = 0;
            for (int i = 0; at < seq.length; i++) {
                int n = Math.min(chunks[i % chunks.length], seq.length - at);
                float[][] got = chunked.forward(Arrays.copyOfRange(seq, at, at + n), false).logits();
                for (int r = 0; r < n; r++) {
                    Goldens.assertClose(want[at + r], got[r], name + " position " + (at + r) + " in a chunk of " + n);
                }
                at += n;
            }
            // a tree past the window: the chain (two real tokens) plus a side branch off the first
            int start = seq.length - 6;
            chunked.truncate(start);
            int[] tokens = {seq[start], seq[start + 1], 7, 9};
            int[] parent = {-1, 0, 0, 2};
            ModelSession.Scores tree = chunked.forwardTree(tokens, parent, 2);
            Goldens.assertClose(want[start], tree.logits()[0], name + " tree root");
            Goldens.assertClose(want[start + 1], tree.logits()[1], name + " tree chain");
            full.truncate(start + 1);
            float[][] side = full.forward(new int[] {7, 9}, false).logits();
            Goldens.assertClose(side[0], tree.logits()[2], name + " tree branch");
            Goldens.assertClose(side[1], tree.logits()[3], name + " tree branch, depth 2");
        }
    }


    private static int[] concat(int[] a, int[] b) {
        int[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

}
