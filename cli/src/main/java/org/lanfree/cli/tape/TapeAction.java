package org.lanfree.cli.tape;

import java.io.PrintWriter;

import org.lanfree.cli.console.Json;
import org.lanfree.cli.deploy.HomeOption;
import org.lanfree.cli.media.AdminCall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What every robot command shares: {@code --home}, {@code --json}, one admin request, and a
 * one-line report ({@code LF0001L8: loaded, now in drive 0}) or the JSON result
 * {@code {barcode, location, ...}}.
 */
abstract class TapeAction {

    @Mixin
    HomeOption homeOption;

    @Option(names = "--json", description = "Print JSON: {barcode, location} (label adds pool).")
    boolean json;

    @Spec
    CommandSpec command;

    /** Sends the request and prints {@code what} happened. */
    final int perform(ObjectNode request, String what) {
        JsonNode result = AdminCall.ask(homeOption.home(), request);
        PrintWriter out = command.commandLine().getOut();
        if (json) {
            out.println(Json.pretty(result));
        } else {
            out.println(result.get("barcode").asText() + ": " + what + ", now in " + result.get("location").asText());
        }
        return 0;
    }
}
