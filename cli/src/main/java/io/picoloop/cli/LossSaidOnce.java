package io.picoloop.cli;

import io.picoloop.device.DeviceDisconnectedException;
import io.picoloop.device.DeviceException;

/**
 * Says the link's loss once. While a command runs, the loss stops it and becomes its failure, so
 * the client's warning of it is not printed; once the run is over, the warning that says what the
 * command's failure already said is not printed either, in whichever order the two come (the
 * client warns on its callback thread; a task can fail with the same words before or after).
 * Thread-safe: the client's callback thread and the command's thread both call it.
 */
final class LossSaidOnce {

    /** The loss's words, once the link was lost. */
    private String loss;
    /** The loss that stopped the run, if one did. */
    private DeviceException stoppedTheRun;
    private boolean runOver;
    /** What the command's failure says (null: it did not fail), once the run is over. */
    private String failure;
    private boolean failureIsTheLoss;
    /** The warning the failure said was held back: a later one is news. */
    private boolean heldBack;

    /** The link is lost: returns what the run fails with when this stops it (a run under way or ahead), else null. */
    synchronized DeviceException lost(DeviceDisconnectedException e) {
        loss = e.getMessage();
        if (runOver || stoppedTheRun != null) {
            return null;
        }
        // its own instance: the client fails later requests with the very same one, which the run may throw
        stoppedTheRun = new DeviceDisconnectedException(e.getMessage(), e.getCause());
        return stoppedTheRun;
    }

    /** The run is over; {@code e} is how it failed (null: it did not). Returns the loss if that stopped it. */
    synchronized DeviceException runOver(RuntimeException e) {
        runOver = true;
        RuntimeException said = stoppedTheRun != null ? stoppedTheRun : e;
        failure = said == null ? null : said.getMessage();
        failureIsTheLoss = said instanceof DeviceDisconnectedException;
        return stoppedTheRun;
    }

    /** True when the client's {@code warning} is news, to be printed. */
    synchronized boolean news(String warning) {
        if (!runOver) {
            return !warning.equals(loss);       // the run's failure will say the loss
        }
        if (heldBack || failure == null) {
            return true;
        }
        boolean saidByTheFailure = failure.contains(warning) || failureIsTheLoss && warning.equals(loss);
        heldBack = saidByTheFailure;
        return !saidByTheFailure;
    }
}
