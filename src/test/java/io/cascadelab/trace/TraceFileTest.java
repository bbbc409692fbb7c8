package io.cascadelab.trace;

import io.cascadelab.decode.Cascade;
import io.cascadelab.decode.KMatrix;
import io.cascadelab.decode.MethodSpec;
import io.cascadelab.decode.ModelFamily;
import io.cascadelab.decode.Runner;
import io.cascadelab.decode.SamplingSettings;
import io.cascadelab.model.LoadedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A trace written and read back holds the same events and yields the same metrics as the live run. */
class TraceFileTest {

    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEventsAndMetrics() throws Exception {
        Path fixture = Path.of("src/test/resources/fixtures/llama-gqa-rope3");
        try (ModelFamily f = ModelFamily.load(fixture, List.of(fixture), ai.djl.Device.cpu())) {
            MethodSpec spec = new MethodSpec(MethodSpec.Method.CSD, 6, 2.0, 2, null, null);
            int[] prompt = f.target().tokenizer().encode("And God said, Let there be light: and there was light.");
            List<ModelCost> costs = List.of(new ModelCost(f.target().name(), 0, 100, 2e6, 3e6, 6),
                    new ModelCost(Cascade.levelNames(f.target(), spec.levels(f)).get(1), 1, 100, 2e6, 3e6, 6),
                    ModelCost.free("MaG", 2));
            Runner.Output live = Runner.run(f, new Runner.Request(spec, SamplingSettings.sampling(0.9, 0, 0.95, 5), 30),
                    prompt, "p", costs, null, s -> { }, () -> false, "cpu()");
            Path file = dir.resolve("run.jsonl");
            TraceFile.write(file, live.trace());
            Trace back = TraceFile.read(file);
            assertEquals(TraceFile.GSON.toJson(live.trace()), TraceFile.GSON.toJson(back));
            assertEquals(TraceFile.GSON.toJson(live.trace().metrics()), TraceFile.GSON.toJson(back.metrics()));
            RunMetrics m = back.metrics();
            assertEquals(live.result().tokens().length, m.emitted());
            assertEquals(KMatrix.expand(6, 2).format(), KMatrix.of(back.header().kMatrix()).format());
        }
    }
}
