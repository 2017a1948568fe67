package pdf

// OfflineWith is offline, for the tests of its flags.
var OfflineWith = offline
