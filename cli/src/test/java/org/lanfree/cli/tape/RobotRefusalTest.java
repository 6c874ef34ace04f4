package org.lanfree.cli.tape;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.lanfree.cli.Cli;
import org.lanfree.cli.media.TestDeployment;

/** Requests the robot refuses: a clear error, exit 1, and neither the library nor the catalog changed. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RobotRefusalTest {

    private static final String CATALOG_VIEW = "SELECT barcode || ' ' || pool || ' ' || state || ' ' || location"
            + " FROM v_tapes ORDER BY barcode";

    private TestDeployment deployment;

    @BeforeAll
    void upWithOneCartridgeLoaded() {
        deployment = TestDeployment.up("refuse");
        Cli.Result load = deployment.run("tape", "load", "LF0010L8", "--drive", "0");
        assertEquals(0, load.exitCode(), load.toString());
    }

    @AfterAll
    void down() {
        deployment.close();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refusal("a barcode not in the library", List.of("load", "LF0077L8"), "barcode LF0077L8 is not in the library"),
                refusal("a cartridge already loaded", List.of("load", "LF0010L8", "--drive", "1"),
                        "cartridge LF0010L8 is already loaded in drive 0"),
                refusal("an empty drive to unload", List.of("unload", "--drive", "1"), "drive 1 is empty, nothing to unload"),
                refusal("a drive the library lacks", List.of("load", "LF0001L8", "--drive", "7"), "drive 7"),
                refusal("labelling a loaded cartridge", List.of("label", "LF0010L8", "--pool", "daily"), "label it"),
                refusal("exporting a loaded cartridge", List.of("export", "LF0010L8"), "export it"),
                refusal("importing a cartridge already inside", List.of("import", "LF0001L8"),
                        "not in an import/export slot"),
                refusal("a malformed barcode", List.of("load", "XX12"), "barcode 'XX12' is not valid"),
                refusal("an invalid pool name", List.of("label", "LF0001L8", "--pool", "a b"), "pool name 'a b' is not valid"));
    }

    private static Arguments refusal(String name, List<String> args, String expected) {
        return Arguments.of(Named.of(name, args), expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void aRefusedRequestFailsClearlyAndChangesNothing(List<String> args, String expected) throws Exception {
        String statusBefore = deployment.run("tape", "status", "--json").out();
        List<String> catalogBefore = deployment.query(CATALOG_VIEW);

        String[] command = Stream.concat(Stream.of("tape"), args.stream()).toArray(String[]::new);
        Cli.Result r = deployment.run(command);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains(expected), r.toString());
        assertTrue(r.err().contains("HINT"), r.toString());

        assertEquals(statusBefore, deployment.run("tape", "status", "--json").out());
        assertEquals(catalogBefore, deployment.query(CATALOG_VIEW));
    }
}
