package io.picoloop.micropython;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.picoloop.install.BridgeBundle;
import io.picoloop.install.InstallPlan;
import io.picoloop.install.Installer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The installer tells a progress bar every chunk it writes, over MicroPython's real raw REPL (the unix port). */
@Timeout(value = 120, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InstallerProgressTest {

    @Test
    void eachChunkWrittenIsHeardWithTheFileAndTheInstallsBytes() throws IOException {
        BridgeBundle bundle = BridgeBundle.load();
        try (UnixMicroPython board = UnixMicroPython.start(false); RawRepl repl = new RawRepl(board, 5000)) {
            repl.enter();
            BoardFiles files = new BoardFiles(repl, board.dir().toString());
            List<String> steps = new ArrayList<>();
            List<Installer.Written> chunks = new ArrayList<>();
            Installer installer = new Installer(bundle, steps::add, chunks::add);
            InstallPlan plan = installer.plan(files);
            installer.apply(plan, files);

            assertEquals(plan.write(), chunks.stream().map(Installer.Written::file).distinct().toList(), chunks.toString());
            assertTrue(chunks.stream().allMatch(w -> w.total() == plan.bytes()), chunks.toString());
            for (int i = 1; i < chunks.size(); i++) {
                assertTrue(chunks.get(i).done() > chunks.get(i - 1).done(), chunks.toString());
            }
            assertEquals(plan.bytes(), chunks.getLast().done(), chunks.toString());
            // a file larger than a chunk is heard more than once
            assertTrue(chunks.size() > plan.write().size(), chunks.toString());
            assertTrue(steps.contains("writing " + plan.write().getFirst()), steps.toString());
        }
    }
}
