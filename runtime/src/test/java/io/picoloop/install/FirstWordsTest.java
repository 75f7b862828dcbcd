package io.picoloop.install;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** What the first words of a board to a blank line and a ping say it runs. */
class FirstWordsTest {

    @Test
    void theBridgesPongTheReplsPromptAndNothingYet() {
        assertEquals(FirstWords.Heard.BRIDGE, FirstWords.recognise("- ok 123456\r\n"));
        assertEquals(FirstWords.Heard.BRIDGE, FirstWords.recognise("! boot picoloop 0.5.0\n- ok 7\n"));
        assertEquals(FirstWords.Heard.REPL, FirstWords.recognise("\r\n>>> ping\r\nTraceback (most recent call last):\r\n"
                + "NameError: name 'ping' isn't defined\r\n>>> "));
        // an earlier session's reply, still buffered on the board, is not the answer to this ping
        assertNull(FirstWords.recognise("12 ok 99\n"));
        assertNull(FirstWords.recognise("- ok 12"));      // not a whole line yet
        assertNull(FirstWords.recognise("sensor 1234\r\n"));
    }
}
