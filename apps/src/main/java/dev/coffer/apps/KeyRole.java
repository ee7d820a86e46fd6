package dev.coffer.apps;

/** What an API key may do. */
public enum KeyRole {
  /** The game's server: every endpoint of its app. */
  SERVER,
  /** The game's client: submit purchases, and read a player named by a player token. */
  CLIENT
}
