package io.jkeras.training;

/**
 * Implemented by a callback that makes {@code fit} resume a previous run (BackupAndRestore): after
 * {@code onTrainBegin}, {@code fit} starts at {@link #resumeEpoch()} if that is later than its initial epoch.
 */
public interface EpochResumer {
    /** The epoch to continue from (counting from 0), or 0 to start afresh. */
    int resumeEpoch();
}
