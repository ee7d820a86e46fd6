/**
 * Demo traffic for the local stack ({@code coffer-local.jar --demo-traffic[=N]}): purchases, consumes,
 * grants, spends and replays through the gateway's HTTP API, with a live progress line.
 */
package dev.coffer.local.demo;
