/**
 * A service type's default duration books the technician's time: a zero or negative one would let a job
 * take no time and the board overbook (the database's ServiceType_duration_check holds the same floor).
 */
export const SERVICE_DURATION_MINUTES = { min: 5, max: 24 * 60 } as const;
