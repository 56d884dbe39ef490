namespace Cdss.Api
{
    /// <summary>What to do about a CDSS envelope code, where the code says more than the generic advice.</summary>
    internal static class ServiceCodeHints
    {
        /// <summary>Code 3: "Invalid Service Group Instance No".</summary>
        public const int InvalidServiceGroupInstanceNo = 3;

        public static string For(int code, string otherwise) => code switch
        {
            InvalidServiceGroupInstanceNo =>
                "Check the cluster number: no cluster with this number is visible to this access key. Get-CdssCluster lists the ones that are.",
            _ => otherwise,
        };
    }
}
