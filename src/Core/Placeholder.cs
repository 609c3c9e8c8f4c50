namespace Serverless.Core; internal static class Placeholder { }
