package io.cascadelab.ui.model;

import io.cascadelab.decode.GenerationResult;
import io.cascadelab.trace.ExampleTrace;
import io.cascadelab.trace.StepEvent;
import io.cascadelab.trace.Trace;
import io.cascadelab.ui.model.RunStates.State;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The run machinery behind the window's buttons, without a window: states, frame drain, baseline, replay. */
class RunMachineryTest {

    @Test
    void theButtonsMoveTheStateMachineAndTheGate() {
        RunStates states = new RunStates();
        assertFalse(states.step(), "Step with no run starts one instead");
        assertFalse(states.stop());
        StepGate gate = new StepGate(true);
        states.started(gate, true);
        assertEquals(State.PAUSED, states.get());
        assertTrue(states.step());
        assertEquals(State.PAUSED, states.get(), "one more step, then paused again");
        states.pauseOrResume();
        assertEquals(State.RUNNING, states.get());
        states.pauseOrResume();
        assertEquals(State.PAUSED, states.get());
        assertTrue(states.stop());
        assertEquals(State.STOPPING, states.get());
        assertTrue(gate.isCancelled());
        assertTrue(states.isActive());
        states.finished();
        assertFalse(states.isActive());
        states.reset();
        assertEquals(State.IDLE, states.get());
    }

    /** What a frame did, in order. */
    private static final class RecordingSink implements FrameDrain.Sink {
        final List<String> calls = new ArrayList<>();

        @Override
        public void prompt(PromptView prompt) {
            calls.add("prompt " + prompt.tokens().size());
        }

        @Override
        public void steps(List<RunFeed.StepUpdate> updates, boolean fullStats) {
            calls.add("steps " + updates.size() + (fullStats ? " +stats" : ""));
        }

        @Override
        public void finished(RunSession session) {
            calls.add("finished");
        }
    }

    @Test
    void aFrameRendersThePromptFirstThenBoundedBatchesThenTheEnd() throws Exception {
        Trace trace = ExampleTrace.load();
        RunSession s = RunSession.replay(trace, null, false, null);
        FrameDrain drain = new FrameDrain();
        RecordingSink sink = new RecordingSink();
        drain.begin(0);
        drain.frame(s, 1, sink);
        assertEquals(List.of(), sink.calls, "nothing before the prompt is laid out");
        List<StepEvent> events = trace.steps().subList(0, 10);
        for (StepEvent e : events) {
            s.feed().offer(new RunFeed.StepUpdate(e, new StepView(e.step(), List.of(), 0), List.of()));
        }
        s.promptReady(PromptView.prompt(List.of()));
        drain.frame(s, 2, sink);
        drain.frame(s, FrameDrain.STATS_INTERVAL_NANOS + 3, sink);
        s.done(null);
        drain.frame(s, FrameDrain.STATS_INTERVAL_NANOS + 4, sink);
        assertEquals(List.of("prompt 0", "steps 4", "steps 4 +stats", "steps 2", "finished"), sink.calls);
        assertEquals(events, drain.steps());
        assertEquals(events.stream().mapToInt(e -> e.emitted().size()).sum(), drain.emitted());
    }

    @Test
    void aBaselineGoesToTheRunItMatchesOnly() throws Exception {
        Trace trace = ExampleTrace.load();
        RunSession s = RunSession.replay(trace, null, false, null);
        GenerationResult r = new GenerationResult(trace.header().promptIds(), trace.summary().tokens(), List.of(), 0, 1,
                GenerationResult.StopReason.MAX_TOKENS);
        BaselineKeeper keeper = new BaselineKeeper();
        Baseline.RunKey other = new Baseline.RunKey(s.key().target(), "another prompt", s.key().sampling(), s.key().maxNewTokens());
        assertFalse(keeper.finished(other, r, s));
        assertSame(other, keeper.get().key());
        assertTrue(keeper.finished(s.key(), r, s), "same target, prompt, settings and length");
        assertTrue(RunSession.replay(trace, null, false, keeper.get()).statistics().snapshot() != null);
        keeper.clear();
        assertNull(keeper.get());
    }

    @Test
    void aReplayIsKeyedAndLabelledByItsTraceHeader() throws Exception {
        Trace trace = ExampleTrace.load();
        RunSession s = RunSession.replay(trace, null, true, null);
        assertEquals(trace.header().target(), s.key().target());
        assertEquals(trace.header().promptText(), s.key().prompt());
        assertEquals(trace.header().maxNewTokens(), s.key().maxNewTokens());
        assertTrue(s.label().startsWith("replay of " + trace.header().method()), s.label());
        assertFalse(s.isDone());
    }
}
