// An explicit provider in another region.
import { protectedBucket, provider } from "../support";

protectedBucket("pii", { provider: provider("us-east-1") });
