// A provider whose name says Dublin but whose region is Singapore.
import { protectedBucket, provider } from "../support";

protectedBucket("pii", { provider: provider("ap-southeast-1", "dublin-eu-west-1") });
