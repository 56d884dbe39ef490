namespace Cdss
{
    /// <summary>The three NAVER Cloud sites, each with its own API gateway host.</summary>
    public enum CdssSite
    {
        Public,
        Gov,
        Fin,
    }
}
