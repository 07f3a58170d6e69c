// ky alone: the HTTP client users would otherwise add.
import ky from "ky";

export default ky;
