/** Reading and validating request bodies: every field's type, shape, length and range. */
package dev.coffer.gateway.requests;
