package io.cascadelab.decode;

import io.cascadelab.trace.ModelCost;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Statistical drafters side by side at the bottom of a cascade: each call takes the proposal of
 * the first that has one (the suffix drafter, then Max-Gram's bigram fallback, …). Every token
 * keeps the origin of the drafter that proposed it, so metrics count each separately.
 */
public record FirstProposal(List<LevelSpec> members) implements LevelSpec {

    public FirstProposal {
        members = List.copyOf(members);
        if (members.size() < 2 || members.stream().anyMatch(m -> m.kind().role() != DrafterKind.Role.STATISTICAL)) {
            throw new IllegalArgumentException("drafters side by side must be two or more statistical drafters");
        }
    }

    @Override
    public DrafterKind kind() {
        return members.get(0).kind();
    }

    @Override
    public String name() {
        return members.stream().map(LevelSpec::name).collect(Collectors.joining("+"));
    }

    @Override
    public String role() {
        return members.stream().map(LevelSpec::role).collect(Collectors.joining(", then "));
    }

    @Override
    public Drafter create(LevelContext c) {
        List<Drafter> ds = new ArrayList<>();
        for (LevelSpec m : members) {
            ds.add(m.create(new LevelContext(m.name(), c.level(), c.capacity(), c.target(), c.below(), c.sessions())));
        }
        return new Chain(c.name(), c.level(), ds);
    }

    @Override
    public ModelCost cost(String name, int level, int context, int k, int repeats) {
        return ModelCost.free(name, level);
    }

    /** The drafters asked in turn. */
    private record Chain(String name, int level, List<Drafter> drafters) implements Drafter {

        @Override
        public List<DraftToken> draft(StepScope scope, int[] sequence, int wanted) {
            for (Drafter d : drafters) {
                List<DraftToken> out = d.draft(scope, sequence, wanted);
                if (!out.isEmpty()) {
                    return out;
                }
            }
            return List.of();
        }

        @Override
        public List<DraftToken> fastPathDraft(StepScope scope, int[] sequence, int room) {
            for (Drafter d : drafters) {
                List<DraftToken> out = d.fastPathDraft(scope, sequence, room);
                if (!out.isEmpty()) {
                    return out;
                }
            }
            return List.of();
        }

        @Override
        public void start(DecodeInput input) {
            drafters.forEach(d -> d.start(input));
        }

        @Override
        public void accepted(int[] sequence, int accepted) {
            drafters.forEach(d -> d.accepted(sequence, accepted));
        }

        @Override
        public void finish(int[] sequence) {
            drafters.forEach(d -> d.finish(sequence));
        }
    }
}
