package io.colisten.train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ColistenCliTest {
    @Test
    void infoSelfCheckSucceeds() {
        assertEquals(0, Colisten.commandLine().execute("info"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        CommandLine cl = Colisten.commandLine();
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err));
        assertEquals(2, cl.execute("no-such-command"));
        assertTrue(err.toString().contains("no-such-command"), err.toString());
    }
}
