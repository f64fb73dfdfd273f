/** A half-open interval [from, to) of span or trace start times. */
export type TimeRange = { from: Date; to: Date };

/** Charts beyond this many points per series are unreadable and costly; ask for a coarser bucket. */
export const MAX_BUCKETS = 2000;

export const BUCKET_SECONDS = {
  MINUTE: 60,
  FIVE_MINUTES: 300,
  HOUR: 3600,
  DAY: 86_400,
} as const;

export type BucketName = keyof typeof BUCKET_SECONDS;

/**
 * Buckets are aligned to the Unix epoch (UTC), the same origin the SQL passes to date_bin, so
 * the count here is exactly the number of rows generate_series will produce.
 */
export const BUCKET_ORIGIN = new Date(0);

export const firstBucketStart = (from: Date, bucketSeconds: number) => {
  const size = bucketSeconds * 1000;
  return new Date(Math.floor((from.getTime() - BUCKET_ORIGIN.getTime()) / size) * size + BUCKET_ORIGIN.getTime());
};

export const countBuckets = (range: TimeRange, bucketSeconds: number) =>
  Math.ceil((range.to.getTime() - firstBucketStart(range.from, bucketSeconds).getTime()) / (bucketSeconds * 1000));
