package io.jkeras.utils;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.ProfilerConfig;

import java.util.function.Supplier;

/**
 * ND4J memory workspaces for the batch loops: every temporary array of one training, test or predict step
 * is carved out of one block that is reused by the next step, instead of a fresh native allocation per op.
 *
 * <p>Why: on this stack a native allocation costs 80–500 µs (JavaCPP's bookkeeping, then the kernel's
 * page faults), more than the op that fills it; a small model's step makes dozens of them. In a workspace an
 * allocation is a pointer bump, and the block is learned on the first step and kept.
 *
 * <p>The rule that comes with it: an array that must outlive the step (a weight, a gradient buffer, an
 * optimizer slot, a layer's state) is created under {@link #persistent(Supplier)}, and a result handed
 * to the caller is copied out ({@link #detach}). With {@code -Djkeras.checkWorkspaces=true} (the test suite
 * sets it) ND4J checks every op's arguments and fails on an array from a step that has ended.
 *
 * <pre>{@code
 * try (Workspaces.Scope ws = Workspaces.open("jkeras_train")) {
 *     ... forward, loss, backward, in-place updates ...
 * }
 * }</pre>
 */
public final class Workspaces {
    private static final WorkspaceConfiguration STEP = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.1)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();
    private static volatile boolean enabled = !Boolean.getBoolean("jkeras.noWorkspaces");

    static {
        if (Boolean.getBoolean("jkeras.checkWorkspaces")) {
            Nd4j.getExecutioner().setProfilingConfig(ProfilerConfig.builder().checkWorkspaces(true).build());
        }
    }

    private Workspaces() {
    }

    /** An open step scope; closing it ends the step (its arrays become invalid). */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Opens (activates) the step workspace {@code id} for this thread; close it when the step ends. A no-op
     * scope when workspaces are off ({@code -Djkeras.noWorkspaces=true}) or one is already open (a nested model
     * running inside its parent's step uses the parent's).
     */
    public static Scope open(String id) {
        if (!enabled || active()) return () -> { };
        MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(STEP, id);
        return ws::close;
    }

    /**
     * Turns the step workspaces on or off (on by default; {@code -Djkeras.noWorkspaces=true} starts with them off):
     * off, every temporary is an ordinary allocation, which is slower but rules workspaces out when debugging.
     */
    public static void setEnabled(boolean on) {
        enabled = on;
    }

    /** Whether this thread is inside a workspace now. */
    public static boolean active() {
        return Nd4j.getMemoryManager().getCurrentWorkspace() != null;
    }

    /** Runs {@code make} outside any workspace: for arrays that live longer than a step. */
    public static <T> T persistent(Supplier<T> make) {
        if (!active()) return make.get();
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }

    /** {@code a} itself if it lives outside any workspace, else a copy that does. */
    public static org.nd4j.linalg.api.ndarray.INDArray detach(org.nd4j.linalg.api.ndarray.INDArray a) {
        return a == null || !a.isAttached() ? a : a.detach();
    }
}
