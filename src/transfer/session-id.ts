// WHM's rule for a transfer session ID, shared by input checks, the registry and the simulator.

/** A transfer_session_id: letters, digits and underscores only (REFERENCE §1.3). */
export const SESSION_ID_PATTERN = /^[0-9A-Za-z_]+$/;
