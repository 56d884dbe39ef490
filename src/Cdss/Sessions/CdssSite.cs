namespace Cdss
{
    /// <summary>The three NAVER Cloud sites, each with its own API gateway host.</summary>
    internal enum CdssSite
    {
        Public,
        Gov,
        Fin,
    }
}
